// Lists the files a scan covers: named files as given, directories walked depth-first in name order, honouring
// every .gitignore on the way and a prune callback (config `ignore` globs, editor excludes). The directory
// listing already says what each entry is, so no file is stat'ed; symbolic links are not followed.
import { readdirSync, readFileSync, statSync, type Dirent } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { fileError, type FileError } from './file-error';

export { fileError, type FileError } from './file-error';

export interface FoundFile {
  absolute: string;
  /** '/'-separated, relative to the root. */
  relative: string;
}

export interface WalkEntry extends FoundFile {
  /** Set when this path (a file, or a folder and all below it) could not be read. */
  error?: FileError;
}

export interface WalkOptions {
  gitignore: boolean;
  /** True keeps the root-relative path (and everything below a folder) out of the scan. */
  prune?(relative: string, isDirectory: boolean): boolean;
}

interface IgnoreScope {
  /** Absolute folder of the .gitignore, with a trailing separator. */
  prefix: string;
  rules: Ignore;
}

const toPosix = sep === '/' ? (p: string) => p : (p: string) => p.split(sep).join('/');
const byName = (a: Dirent, b: Dirent) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

function readGitignore(dir: string): IgnoreScope | undefined {
  try {
    return {
      prefix: dir.endsWith(sep) ? dir : dir + sep,
      rules: ignore().add(readFileSync(join(dir, '.gitignore'), 'utf8')),
    };
  } catch {
    return undefined; // none, or unreadable: nothing to honour
  }
}

function isGitignored(scopes: readonly IgnoreScope[], absolute: string, isDirectory: boolean): boolean {
  for (const scope of scopes) {
    if (!absolute.startsWith(scope.prefix)) continue;
    const rel = toPosix(absolute.slice(scope.prefix.length));
    if (scope.rules.ignores(isDirectory ? `${rel}/` : rel)) return true;
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
  return chain.map(readGitignore).filter((s): s is IgnoreScope => !!s);
}

/**
 * The files under `paths` (default: the root). A named path that does not exist throws (the caller's mistake);
 * any other path that cannot be read comes out as an entry with `error`, and the walk goes on.
 */
export function* walkFiles(root: string, paths: readonly string[], options: WalkOptions): Generator<WalkEntry> {
  const seen = new Set<string>();
  const relativeOf = (absolute: string) => toPosix(relative(root, absolute)) || absolute;
  // relative paths below a walked folder are built by appending names (path.relative per entry is costly)
  function* walk(dir: string, relDir: string, scopes: readonly IgnoreScope[]): Generator<WalkEntry> {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      yield { absolute: dir, relative: relDir || dir, error: fileError(error) };
      return;
    }
    let active = scopes;
    if (options.gitignore && entries.some((e) => e.name === '.gitignore' && !e.isDirectory())) {
      const own = readGitignore(dir);
      if (own && !scopes.some((s) => s.prefix === own.prefix)) active = [...scopes, own];
    }
    entries.sort(byName);
    // `dir` is already resolved: appending is what join would do, without normalising each path again
    const prefix = dir.endsWith(sep) ? dir : dir + sep;
    for (const entry of entries) {
      const isDirectory = entry.isDirectory();
      if (isDirectory ? entry.name === '.git' : !entry.isFile()) continue; // links, sockets, devices
      const absolute = prefix + entry.name;
      if (active.length && isGitignored(active, absolute, isDirectory)) continue;
      const rel = relDir ? `${relDir}/${entry.name}` : entry.name;
      if (options.prune?.(rel, isDirectory)) continue;
      if (isDirectory) yield* walk(absolute, rel, active);
      else if (!seen.has(absolute)) {
        seen.add(absolute);
        yield { absolute, relative: rel };
      }
    }
  }
  for (const path of paths.length ? paths : ['.']) {
    const absolute = resolve(root, path);
    let isDirectory: boolean;
    try {
      isDirectory = statSync(absolute).isDirectory();
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') throw error;
      yield { absolute, relative: relativeOf(absolute), error: fileError(error) };
      continue;
    }
    if (isDirectory) {
      const relDir = toPosix(relative(root, absolute));
      yield* walk(absolute, relDir, options.gitignore ? ancestorScopes(root, absolute) : []);
    } else if (!seen.has(absolute)) {
      seen.add(absolute);
      const rel = relativeOf(absolute);
      if (!options.prune?.(rel, false)) yield { absolute, relative: rel };
    }
  }
}
