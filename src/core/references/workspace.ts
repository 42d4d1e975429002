// Fills a ReferenceIndex from a folder on disk with the scan's own walker and reader (src/core/scan): .gitignore
// files honoured, dependency/build folders and the caller's excludes (VS Code's files.exclude) pruned, binary and
// oversized files skipped. Work is cut into time slices, so the extension host stays responsive.
import picomatch from 'picomatch';
import { findProjectConfig, readEnvMap } from '../env/project-env';
import { FileReader } from '../scan/read';
import { walkFiles, type FoundFile } from '../scan/walk';
import { isDotenvPath } from './dotenv';
import { findReferences } from './finder';
import { mayReferenceExternalStores, secretsManagerStoresIn } from './kubernetes';
import { ReferenceIndex } from './reference-index';
import type { FindOptions, SecretReference } from './types';

export const referenceFileExtensions: readonly string[] = [
  '.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs', '.py', '.go', '.java', '.kt', '.cs',
  '.yaml', '.yml', '.json', '.template', '.tf', '.hcl', '.env',
]; // prettier-ignore

const skippedFolders = new Set([
  'node_modules', 'dist', 'out', 'build', '.venv', 'venv', '__pycache__', '.terraform', '.vscode-test',
  'target', 'bin', 'obj', '.aws-sam', 'cdk.out',
]); // prettier-ignore

/** Generated or vendored files this big are not code anyone references secrets from by hand. */
export const MAX_REFERENCE_FILE_BYTES = 1_000_000;

/**
 * Whether indexWorkspace would read this root-relative ('/'-separated) file, leaving .gitignore and the
 * caller's excludes aside: for editors keeping the index current on single-file events.
 */
export function isReferencePath(relative: string, extensions: readonly string[] = referenceFileExtensions): boolean {
  const parts = relative.split('/');
  if (parts.some((part, i) => i < parts.length - 1 && (part === '.git' || skippedFolders.has(part)))) return false;
  return extensions.includes(extensionOf(relative)) || isDotenvPath(relative);
}

export interface IndexWorkspaceOptions extends FindOptions {
  /** Index to fill (default: a new one with these find options). */
  index?: ReferenceIndex;
  /** Defaults to referenceFileExtensions (.env files are always included). */
  extensions?: readonly string[];
  /** Globs (as in VS Code's files.exclude) of root-relative paths to leave out, folders included. */
  exclude?: readonly string[];
  isExcluded?(relative: string, isDirectory: boolean): boolean;
  /** Stop after this many files (a guard for huge folders). Default 20,000. */
  maxFiles?: number;
  /** Honour .gitignore files (default true). */
  gitignore?: boolean;
  /** The path each file is filed under (default: the absolute path). */
  pathOf?(file: FoundFile): string;
  /** Longest stretch of synchronous work before yielding to the event loop (default 8 ms). */
  sliceMs?: number;
  isCancelled?(): boolean;
}

export interface WorkspaceIndexResult {
  index: ReferenceIndex;
  filesIndexed: number;
  /** True when maxFiles stopped the walk early. */
  truncated: boolean;
  cancelled: boolean;
  /** AWS Secrets Manager SecretStores/ClusterSecretStores the files define (and those the caller named). */
  secretsManagerStores: string[];
}

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Indexes every matching file under `root`. Without `envMap`, the env map of the project config nearest to
 * `root` is used (none when it is missing or invalid), so its variables' reads count as references.
 */
export async function indexWorkspace(root: string, options: IndexWorkspaceOptions = {}): Promise<WorkspaceIndexResult> {
  const findOptions: FindOptions = {
    envMap: options.envMap ?? projectEnvMap(root),
    secretsManagerStores: options.secretsManagerStores,
  };
  const index = options.index ?? new ReferenceIndex(findOptions);
  const result: WorkspaceIndexResult = {
    index,
    filesIndexed: 0,
    truncated: false,
    cancelled: false,
    secretsManagerStores: [],
  };
  const extensions = new Set(options.extensions ?? referenceFileExtensions);
  const maxFiles = options.maxFiles ?? 20_000;
  const excluded = options.exclude?.length ? picomatch([...options.exclude], { dot: true }) : undefined;
  const pathOf = options.pathOf ?? ((file: FoundFile) => file.absolute);
  const sliceMs = options.sliceMs ?? 8;
  const reader = new FileReader(MAX_REFERENCE_FILE_BYTES);
  const walk = walkFiles(root, [], {
    gitignore: options.gitignore ?? true,
    prune: (rel, isDirectory) => {
      if (isDirectory && skippedFolders.has(rel.slice(rel.lastIndexOf('/') + 1))) return true;
      if (!isDirectory && !extensions.has(extensionOf(rel)) && !isDotenvPath(rel)) return true;
      return !!excluded?.(rel) || !!options.isExcluded?.(rel, isDirectory);
    },
  });
  const stores: string[] = [...(options.secretsManagerStores ?? [])];
  // ExternalSecrets may name a store another file defines: found once every store is known
  const manifestsToRevisit: Array<{ path: string; absolute: string }> = [];
  let sliceStart = performance.now();
  for (const entry of walk) {
    if (entry.error) continue;
    if (result.filesIndexed >= maxFiles) {
      result.truncated = true;
      break;
    }
    const read = reader.read(entry.absolute);
    if (!('text' in read)) continue;
    result.filesIndexed++;
    const path = pathOf(entry);
    const references = findReferences(read.text, path, findOptions);
    if (references.length || index.referencesIn(path).length) index.set(path, references);
    if (/\.ya?ml$/i.test(entry.relative)) {
      stores.push(...secretsManagerStoresIn(read.text));
      if (mayReferenceExternalStores(read.text)) manifestsToRevisit.push({ path, absolute: entry.absolute });
    }
    if (performance.now() - sliceStart >= sliceMs) {
      await yieldToEventLoop();
      sliceStart = performance.now();
      if ((result.cancelled = !!options.isCancelled?.())) break;
    }
  }
  result.secretsManagerStores = [...new Set(stores)].sort();
  if (result.secretsManagerStores.length > (options.secretsManagerStores?.length ?? 0) && !result.cancelled) {
    const withStores = { ...findOptions, secretsManagerStores: result.secretsManagerStores };
    for (const { path, absolute } of manifestsToRevisit) {
      const read = reader.read(absolute);
      if ('text' in read) index.setIfChanged(path, findReferences(read.text, path, withStores));
    }
  }
  return result;
}

/** The env map of the project config at or above `root`; {} when there is none or it is invalid. */
export function projectEnvMap(root: string): Record<string, string> {
  const config = findProjectConfig(root);
  if (!config) return {};
  try {
    return readEnvMap(config);
  } catch {
    return {};
  }
}

export interface WorkspaceScan {
  references: SecretReference[];
  filesScanned: number;
  truncated: boolean;
}

/** References in every matching file under `root`, `path` relative to root with `/` (for the CLI's `pull --scan`). */
export async function findWorkspaceReferences(
  root: string,
  options: Omit<IndexWorkspaceOptions, 'index' | 'pathOf'> = {},
): Promise<WorkspaceScan> {
  const result = await indexWorkspace(root, { ...options, pathOf: (file) => file.relative });
  return { references: result.index.all(), filesScanned: result.filesIndexed, truncated: result.truncated };
}

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 || dot < name.lastIndexOf('/') ? '' : name.slice(dot).toLowerCase();
}
