// .gitignore semantics for workspace scans: each file's patterns apply below its own folder.
import ignore, { type Ignore } from 'ignore';

export interface GitignoreFile {
  /** Workspace-relative folder of the .gitignore ('' for the root), '/'-separated. */
  dir: string;
  content: string;
}

export function gitignoreFilter(files: readonly GitignoreFile[]): (relativePath: string) => boolean {
  const matchers: Array<{ prefix: string; matcher: Ignore }> = files.map((file) => ({
    prefix: file.dir ? `${file.dir.replace(/\/$/, '')}/` : '',
    matcher: ignore().add(file.content),
  }));
  return (relativePath) => {
    const path = relativePath.replace(/\\/g, '/');
    return matchers.some(
      ({ prefix, matcher }) => path.startsWith(prefix) && matcher.ignores(path.slice(prefix.length)),
    );
  };
}
