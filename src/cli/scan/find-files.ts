// Lists the files a scan covers: explicit files as given, directories walked recursively,
// honouring every .gitignore on the way (and the config's `ignore` globs, to prune early).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';

export interface FoundFile {
  absolute: string;
  /** '/'-separated, relative to the root. */
  relative: string;
}

interface IgnoreScope {
  dir: string;
  rules: Ignore;
}

const toPosix = (p: string) => p.split(sep).join('/');

function loadGitignore(dir: string): IgnoreScope | undefined {
  const file = join(dir, '.gitignore');
  if (!existsSync(file)) return undefined;
  return { dir, rules: ignore().add(readFileSync(file, 'utf8')) };
}

function isGitignored(scopes: IgnoreScope[], absolute: string, isDir: boolean): boolean {
  for (const scope of scopes) {
    const rel = toPosix(relative(scope.dir, absolute));
    if (!rel || rel.startsWith('..')) continue;
    if (scope.rules.ignores(isDir ? `${rel}/` : rel)) return true;
  }
  return false;
}

/** .gitignore scopes of `dir`'s ancestors up to and including `root` (outermost first). */
function ancestorScopes(root: string, dir: string): IgnoreScope[] {
  const chain: string[] = [];
  for (let d = dir; ; d = dirname(d)) {
    chain.unshift(d);
    if (d === root || dirname(d) === d || !d.startsWith(root)) break;
  }
  return chain.map(loadGitignore).filter((s): s is IgnoreScope => !!s);
}

export function findFiles(
  root: string,
  paths: string[],
  options: { gitignore: boolean; prune?: (relative: string) => boolean },
): FoundFile[] {
  const out: FoundFile[] = [];
  const seen = new Set<string>();
  const add = (absolute: string) => {
    if (seen.has(absolute)) return;
    seen.add(absolute);
    out.push({ absolute, relative: toPosix(relative(root, absolute)) || absolute });
  };
  const walk = (dir: string, scopes: IgnoreScope[]) => {
    const own = options.gitignore ? loadGitignore(dir) : undefined;
    const active = own && !scopes.some((s) => s.dir === dir) ? [...scopes, own] : scopes;
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
    for (const entry of entries) {
      const absolute = join(dir, entry.name);
      if (entry.isSymbolicLink()) continue;
      const isDir = entry.isDirectory();
      if (isDir && entry.name === '.git') continue;
      if (!isDir && !entry.isFile()) continue;
      if (options.gitignore && isGitignored(active, absolute, isDir)) continue;
      if (options.prune?.(toPosix(relative(root, absolute)))) continue;
      if (isDir) walk(absolute, active);
      else add(absolute);
    }
  };
  for (const p of paths.length ? paths : ['.']) {
    const absolute = resolve(root, p);
    const stat = statSync(absolute); // throws ENOENT for a missing path: reported as a usage error
    if (stat.isDirectory()) walk(absolute, options.gitignore ? ancestorScopes(root, absolute) : []);
    else add(absolute);
  }
  return out;
}
