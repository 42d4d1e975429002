// Whether `await` is valid at a file's top level, as the project will compile and run it: the nearest
// package.json `type` and the nearest tsconfig.json (`module`, `target`, following `extends`). Reading files
// goes through a port so the VS Code adapter (workspace.fs) and Node tests share the logic.
import { posix } from 'node:path';
import { extensionOf } from './language';
import type { FixLanguage } from './types';

export interface ProjectModuleInfo {
  /** From the nearest package.json; undefined when there is none. */
  packageType?: 'module' | 'commonjs';
  /** Lower-cased compilerOptions of the nearest tsconfig.json (after `extends`); undefined without one. */
  tsconfig?: { module?: string; target?: string };
}

/** Reads a file's text, or undefined when it does not exist. Paths are absolute POSIX paths. */
export type ReadText = (path: string) => Promise<string | undefined>;

// `module` values under which tsc accepts top-level await (TS1378), and targets from es2017 on.
const TLA_MODULES = new Set(['es2022', 'esnext', 'system', 'node16', 'node18', 'node20', 'nodenext', 'preserve']);
const NODE_MODULES = new Set(['node16', 'node18', 'node20', 'nodenext']);
const OLD_TARGETS = new Set(['es3', 'es5', 'es6', 'es2015', 'es2016']);

/** Strips // and /* comments and trailing commas, the JSONC that tsconfig files are written in. */
export function parseJsonc(text: string): unknown {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') {
      const end = skipString(text, i);
      out += text.slice(i, end);
      i = end - 1;
    } else if (ch === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      out += '\n';
    } else if (ch === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 1;
    } else out += ch;
  }
  return JSON.parse(out.replace(/,(\s*[}\]])/g, '$1'));
}

function skipString(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i + 1;
  }
  return text.length;
}

async function nearest(read: ReadText, dir: string, root: string, name: string) {
  for (let current = dir, depth = 0; depth < 30; depth++) {
    const path = posix.join(current, name);
    const text = await read(path);
    if (text !== undefined) return { path, text };
    const parent = posix.dirname(current);
    if (current === root || parent === current || !current.startsWith(root)) return undefined;
    current = parent;
  }
  return undefined;
}

async function compilerOptions(read: ReadText, path: string, text: string, depth = 0) {
  let json: { extends?: unknown; compilerOptions?: Record<string, unknown> };
  try {
    json = parseJsonc(text) as typeof json;
  } catch {
    return {};
  }
  let inherited: { module?: string; target?: string } = {};
  const parents = typeof json.extends === 'string' ? [json.extends] : Array.isArray(json.extends) ? json.extends : [];
  for (const parent of parents) {
    if (typeof parent !== 'string' || depth > 5) continue;
    const candidates = parent.startsWith('.')
      ? [posix.join(posix.dirname(path), parent), posix.join(posix.dirname(path), `${parent}.json`)]
      : [
          posix.join(posix.dirname(path), 'node_modules', parent),
          posix.join(posix.dirname(path), 'node_modules', parent, 'tsconfig.json'),
        ];
    for (const candidate of candidates) {
      const parentText = await read(candidate);
      if (parentText === undefined) continue;
      inherited = { ...inherited, ...(await compilerOptions(read, candidate, parentText, depth + 1)) };
      break;
    }
  }
  const own = json.compilerOptions ?? {};
  const lower = (value: unknown) => (typeof value === 'string' ? value.toLowerCase() : undefined);
  return {
    ...inherited,
    ...(lower(own.module) ? { module: lower(own.module) } : {}),
    ...(lower(own.target) ? { target: lower(own.target) } : {}),
  };
}

/** The nearest package.json and tsconfig.json between the file's folder and `root` (both absolute POSIX). */
export async function loadProjectModuleInfo(
  filePath: string,
  root: string,
  read: ReadText,
): Promise<ProjectModuleInfo> {
  const dir = posix.dirname(filePath);
  const info: ProjectModuleInfo = {};
  const pkg = await nearest(read, dir, root, 'package.json');
  if (pkg) {
    try {
      info.packageType = (JSON.parse(pkg.text) as { type?: unknown }).type === 'module' ? 'module' : 'commonjs';
    } catch {
      // An unreadable package.json says nothing about the module type.
    }
  }
  const tsconfig = await nearest(read, dir, root, 'tsconfig.json');
  if (tsconfig) info.tsconfig = await compilerOptions(read, tsconfig.path, tsconfig.text);
  return info;
}

/**
 * Whether the file's top level may `await`. JS: only in an ES module (.mjs, package type module, or
 * import/export syntax, which Node detects). TS with a tsconfig: tsc must accept it (module and target) and emit
 * an ES module; without a tsconfig, only where Node or tsx run it as an ES module.
 */
export function topLevelAwaitAllowed(
  path: string,
  language: FixLanguage,
  text: string,
  project: ProjectModuleInfo = {},
): boolean {
  const ext = extensionOf(path);
  if (ext === 'cjs' || ext === 'cts') return false;
  const esmByFile = ext === 'mjs' || ext === 'mts' || project.packageType === 'module';
  if (language !== 'typescript') {
    if (esmByFile) return true;
    if (project.packageType === 'commonjs') return false;
    return /^\s*(import\s[^(]|export\s)/m.test(text);
  }
  const options = project.tsconfig;
  if (!options) return esmByFile;
  const module = options.module;
  if (!module || !TLA_MODULES.has(module)) return false;
  // node16+/nodenext imply a modern target; otherwise an old or default (ES5) target refuses it.
  if (!NODE_MODULES.has(module) && (!options.target || OLD_TARGETS.has(options.target))) return false;
  // Under the node* modules a .ts file is an ES module only where package.json says so.
  if (NODE_MODULES.has(module)) return esmByFile;
  return true;
}
