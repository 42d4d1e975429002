// Temporary git repositories for the git tests (#22): isolated from the user's git config.
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const gitEnv: NodeJS.ProcessEnv = {
  ...process.env,
  GIT_CONFIG_GLOBAL: '/dev/null',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_AUTHOR_NAME: 'Ada',
  GIT_AUTHOR_EMAIL: 'ada@example.com',
  GIT_COMMITTER_NAME: 'Ada',
  GIT_COMMITTER_EMAIL: 'ada@example.com',
};

export interface TempRepo {
  dir: string;
  git: (...args: string[]) => string;
  /** `git add -A` and commit; the new commit's id. */
  commit: (message: string) => string;
}

export function tempRepo(prefix = 'swb-git-'): TempRepo {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const git = (...args: string[]) =>
    execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8', env: gitEnv }).trim();
  git('init', '-q', '-b', 'main');
  const commit = (message: string) => {
    git('add', '-A');
    git('commit', '-q', '--no-verify', '-m', message);
    return git('rev-parse', 'HEAD');
  };
  return { dir, git, commit };
}

/**
 * Adds `count` small commits to `main` of the repository at `dir` with `git fast-import` (fast enough for thousands):
 * commit i sets `src/f<i % files>.ts` to one line.
 */
export function fastImportCommits(dir: string, count: number, files: number): void {
  const lines: string[] = [];
  for (let i = 1; i <= count; i++) {
    const content = `export const value${i} = ${i};\n`;
    lines.push(
      'commit refs/heads/main',
      `committer Ada <ada@example.com> ${1_700_000_000 + i} +0000`,
      'data 2',
      'c\n',
      `M 644 inline src/f${i % files}.ts`,
      `data ${Buffer.byteLength(content)}`,
      content,
    );
  }
  execFileSync('git', ['-C', dir, 'fast-import', '--quiet'], { input: lines.join('\n'), env: gitEnv });
}
