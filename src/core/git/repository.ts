// Small reads of a repository for the editor (#22): its root, and a file as a commit recorded it.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { GitHistoryError } from './history';

const run = promisify(execFile);

/** The top folder of the work tree containing `path`; GitHistoryError when it is in none. */
export async function repositoryRoot(path: string): Promise<string> {
  try {
    return (await run('git', ['-C', path, 'rev-parse', '--show-toplevel'], { encoding: 'utf8' })).stdout.trim();
  } catch {
    throw new GitHistoryError(`not a git repository (or a bare one): ${path}`);
  }
}

/** The file's text as `commit` recorded it (`git show commit:path`), path relative to the root. */
export async function fileAtCommit(root: string, commit: string, path: string): Promise<string> {
  if (!/^[0-9a-f]{7,64}$/.test(commit)) throw new GitHistoryError(`bad commit id: ${commit}`);
  try {
    const { stdout } = await run('git', ['-C', root, 'show', `${commit}:${path}`], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    return stdout;
  } catch {
    throw new GitHistoryError(`${path} is not in commit ${commit.slice(0, 12)} of ${root}`);
  }
}
