// Walks a folder and collects the secret references in its source files (see references.ts).
// Honours .gitignore files and the caller's exclude globs (VS Code's files.exclude) and skips dependency/build
// folders, so a scan stays fast on real projects.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch';
import { findReferences, type SecretReference } from './references';

export const referenceFileExtensions: readonly string[] = [
  '.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs', '.py', '.go', '.java', '.kt', '.cs',
  '.yaml', '.yml', '.json', '.template', '.tf', '.hcl',
]; // prettier-ignore

const skippedFolders = new Set([
  '.git', 'node_modules', 'dist', 'out', 'build', '.venv', 'venv', '__pycache__', '.terraform', '.vscode-test',
  'target', 'bin', 'obj', '.aws-sam', 'cdk.out',
]); // prettier-ignore

const maxFileBytes = 1_000_000;

export interface WorkspaceScanOptions {
  /** Defaults to referenceFileExtensions. */
  extensions?: readonly string[];
  /** Stop after this many files (a guard for huge folders). */
  maxFiles?: number;
  /** Globs (as in VS Code's files.exclude) of paths relative to the root to leave out, folders included. */
  exclude?: readonly string[];
}

export interface WorkspaceScan {
  references: SecretReference[];
  filesScanned: number;
  /** True when maxFiles stopped the walk early. */
  truncated: boolean;
}

/** References in every matching file under `root`; `path` on each reference is relative to root, with `/`. */
export async function findWorkspaceReferences(
  root: string,
  options: WorkspaceScanOptions = {},
): Promise<WorkspaceScan> {
  const extensions = new Set(options.extensions ?? referenceFileExtensions);
  const maxFiles = options.maxFiles ?? 20_000;
  const scan: WorkspaceScan = { references: [], filesScanned: 0, truncated: false };
  const excluded = options.exclude?.length ? picomatch([...options.exclude], { dot: true }) : () => false;

  const walk = async (folder: string, rules: Array<{ base: string; ig: Ignore }>): Promise<void> => {
    const ownRules = await readGitignore(folder);
    const active = ownRules ? [...rules, { base: folder, ig: ownRules }] : rules;
    const entries = await readdir(folder, { withFileTypes: true }).catch(() => []);
    entries.sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const entry of entries) {
      if (scan.truncated) return;
      const full = join(folder, entry.name);
      const isDir = entry.isDirectory();
      if (isDir && skippedFolders.has(entry.name)) continue;
      if (isIgnored(active, full, isDir) || excluded(relative(root, full).split(sep).join('/'))) continue;
      if (isDir) {
        await walk(full, active);
      } else if (entry.isFile() && extensions.has(extensionOf(entry.name))) {
        if (scan.filesScanned >= maxFiles) {
          scan.truncated = true;
          return;
        }
        const size = (await stat(full)).size;
        if (size > maxFileBytes) continue;
        scan.filesScanned++;
        const text = await readFile(full, 'utf8');
        scan.references.push(...findReferences(text, relative(root, full).split(sep).join('/')));
      }
    }
  };
  await walk(root, []);
  return scan;
}

async function readGitignore(folder: string): Promise<Ignore | undefined> {
  try {
    return ignore().add(await readFile(join(folder, '.gitignore'), 'utf8'));
  } catch {
    return undefined;
  }
}

function isIgnored(rules: Array<{ base: string; ig: Ignore }>, full: string, isDir: boolean): boolean {
  return rules.some(({ base, ig }) => {
    const rel = relative(base, full).split(sep).join('/');
    return rel !== '' && ig.ignores(isDir ? `${rel}/` : rel);
  });
}

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot).toLowerCase();
}
