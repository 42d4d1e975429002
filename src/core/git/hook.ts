// The pre-commit hook (#22): runs `secrets-workbench scan --staged` before each commit. An existing hook is
// chained, not replaced: in a hooks folder it is renamed aside and run first; husky's `.husky/pre-commit` (a
// committed script) gets a marked block appended. Uninstall undoes exactly that, restoring the old bytes.
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';

export const DEFAULT_HOOK_COMMAND = 'secrets-workbench scan --staged';
/** The name an existing hook is renamed to while ours runs it first. */
export const CHAINED_SUFFIX = '.pre-secrets-workbench';
const MARK = '# secrets-workbench pre-commit';

export interface HookOptions {
  /** The shell command the hook runs (default `secrets-workbench scan --staged`). */
  command?: string;
}

export interface HookResult {
  /** The file written or restored. */
  hookPath: string;
  /** hooks: a hook in the hooks folder (core.hooksPath honoured); husky: `.husky/pre-commit`. */
  kind: 'hooks' | 'husky';
  /** What was done, e.g. 'installed', 'chained', 'appended', 'already-installed', 'removed', 'restored'. */
  action:
    | 'installed'
    | 'chained'
    | 'appended'
    | 'already-installed'
    | 'removed'
    | 'restored'
    | 'block-removed'
    | 'not-installed';
  /** The previous hook, when one was chained (renamed aside) or restored. */
  previousPath?: string;
  /** One line for the user. */
  message: string;
}

/** Not a repository, a hook we cannot write: said plainly, nothing changed. */
export class HookError extends Error {}

function git(repo: string, args: string[]): { ok: boolean; out: string } {
  const result = spawnSync('git', ['-C', repo, ...args], { encoding: 'utf8' });
  if (result.error) throw new HookError(`cannot run git: ${result.error.message}`);
  return { ok: result.status === 0, out: result.stdout.trim() };
}

interface HookTarget {
  kind: 'hooks' | 'husky';
  path: string;
}

/** Where the pre-commit hook lives: husky's script, core.hooksPath, or the repository's own hooks folder. */
export function hookTarget(repo: string): HookTarget {
  const top = git(repo, ['rev-parse', '--show-toplevel']);
  if (!top.ok) throw new HookError(`not a git repository (or a bare one): ${repo}`);
  const root = top.out;
  const hooksPath = git(repo, ['config', '--get', 'core.hooksPath']);
  const configured = hooksPath.ok && hooksPath.out ? resolve(root, hooksPath.out) : undefined;
  const husky = join(root, '.husky');
  // husky 9 sets core.hooksPath=.husky/_ (its stubs call .husky/pre-commit), husky 8 core.hooksPath=.husky
  const underHusky = configured && (configured === husky || configured.startsWith(husky + sep));
  if (underHusky || (!configured && existsSync(join(husky, 'pre-commit')))) {
    return { kind: 'husky', path: join(husky, 'pre-commit') };
  }
  if (configured) return { kind: 'hooks', path: join(configured, 'pre-commit') };
  const common = git(repo, ['rev-parse', '--git-common-dir']).out;
  return { kind: 'hooks', path: join(isAbsolute(common) ? common : resolve(repo, common), 'hooks', 'pre-commit') };
}

const blockedAdvice = [
  'Commit blocked by secrets-workbench: the staged changes add the credentials listed above.',
  'What to do: move each value out of the code (into a secret manager or an untracked .env), git add the change,',
  'and commit again. If one is rotated already, rotate it anyway once it was shared. Not a secret? Record it with',
  'scan --write-baseline or allow it in .secrets-workbench.json. Skip the check once: git commit --no-verify.',
];

/** The shell lines that run the scan and, when it blocks, say what to do. */
function scanLines(command: string): string[] {
  return [
    `${command}`,
    'status=$?',
    'if [ "$status" -eq 1 ]; then',
    ...blockedAdvice.map((line) => `  echo ${shellQuote(line)} >&2`),
    '  exit 1',
    'elif [ "$status" -eq 127 ]; then',
    `  echo ${shellQuote('secrets-workbench is not installed or not on PATH: commit blocked. Install it, or run hook install --command "<how to run it>"; skip once: git commit --no-verify.')} >&2`,
    '  exit 1',
    'elif [ "$status" -ne 0 ]; then',
    `  echo ${shellQuote('secrets-workbench could not check the staged changes (see above): commit blocked. Skip once: git commit --no-verify.')} >&2`,
    '  exit "$status"',
    'fi',
  ];
}

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

function hookScript(command: string): string {
  return [
    '#!/bin/sh',
    `${MARK} (installed by \`secrets-workbench hook install\`; \`secrets-workbench hook uninstall\` removes it)`,
    `previous="$(dirname "$0")/pre-commit${CHAINED_SUFFIX}"`,
    // run as git would have run it: only when executable
    'if [ -x "$previous" ]; then "$previous" "$@" || exit $?; fi',
    ...scanLines(command),
    '',
  ].join('\n');
}

const huskyBegin = `${MARK} >>> (added by \`secrets-workbench hook install\`; \`hook uninstall\` removes it)`;
/** Begin mark when install had to end the script's last line first (uninstall takes that newline back out). */
const huskyBeginNewline = `${MARK} >>> (added with a newline by \`secrets-workbench hook install\`; \`hook uninstall\` removes it)`;
/** Begin mark when install created the script (uninstall deletes it). */
const huskyBeginCreated = `${MARK} >>> (created by \`secrets-workbench hook install\`; \`hook uninstall\` deletes this file)`;
const huskyEnd = `${MARK} <<<`;

function huskyBlock(command: string, how: 'appended' | 'newline' | 'created'): string {
  // a subshell: husky runs the script with `sh -e`, and `exit` must not skip later lines of the user's script
  return [
    { appended: huskyBegin, newline: huskyBeginNewline, created: huskyBeginCreated }[how],
    '(',
    'set +e',
    ...scanLines(command).map((line) => `  ${line}`),
    ') || exit $?',
    huskyEnd,
    '',
  ].join('\n');
}

const isOurs = (text: string) => text.includes(MARK);

/** The file's bytes; empty for a link that leads nowhere; undefined when there is no such file. */
function readIfExists(path: string): Buffer | undefined {
  try {
    lstatSync(path);
  } catch {
    return undefined;
  }
  try {
    return readFileSync(path);
  } catch {
    return Buffer.alloc(0);
  }
}

function rel(repo: string, path: string): string {
  return relative(repo, path) || path;
}

export function installHook(repo: string, options: HookOptions = {}): HookResult {
  const command = options.command?.trim() || DEFAULT_HOOK_COMMAND;
  if (/[\r\n]/.test(command)) throw new HookError('the hook command must be one line');
  const target = hookTarget(repo);
  const existing = readIfExists(target.path);
  const shown = rel(repo, target.path);
  if (existing && isOurs(existing.toString('latin1'))) {
    return {
      hookPath: target.path,
      kind: target.kind,
      action: 'already-installed',
      message: `already installed in ${shown}`,
    };
  }
  if (target.kind === 'husky') {
    if (!existing) {
      mkdirSync(join(target.path, '..'), { recursive: true });
      // with a shebang: husky 8 (core.hooksPath=.husky) lets git run this file itself
      writeFileSync(target.path, `#!/bin/sh\n${huskyBlock(command, 'created')}`, { mode: 0o755 });
      return { hookPath: target.path, kind: 'husky', action: 'installed', message: `installed in ${shown} (husky)` };
    }
    const newlineAdded = existing.length > 0 && existing[existing.length - 1] !== 0x0a;
    writeFileSync(
      target.path,
      Buffer.concat([
        existing,
        Buffer.from(newlineAdded ? `\n${huskyBlock(command, 'newline')}` : huskyBlock(command, 'appended'), 'latin1'),
      ]),
    );
    return {
      hookPath: target.path,
      kind: 'husky',
      action: 'appended',
      message: `added to ${shown} (husky), after its own lines`,
    };
  }
  mkdirSync(join(target.path, '..'), { recursive: true });
  const previousPath = target.path + CHAINED_SUFFIX;
  if (existing) {
    if (readIfExists(previousPath)) {
      throw new HookError(`${rel(repo, previousPath)} exists already: move it away, then install again`);
    }
    renameSync(target.path, previousPath); // keeps its bytes, mode, or symbolic link as they are
  }
  writeFileSync(target.path, hookScript(command), { mode: 0o755 });
  chmodSync(target.path, 0o755);
  return existing
    ? {
        hookPath: target.path,
        kind: 'hooks',
        action: 'chained',
        previousPath,
        message: `installed in ${shown}; the existing hook (now ${rel(repo, previousPath)}) runs first`,
      }
    : { hookPath: target.path, kind: 'hooks', action: 'installed', message: `installed in ${shown}` };
}

export function uninstallHook(repo: string): HookResult {
  const target = hookTarget(repo);
  const shown = rel(repo, target.path);
  const existing = readIfExists(target.path);
  const notInstalled: HookResult = {
    hookPath: target.path,
    kind: target.kind,
    action: 'not-installed',
    message: `no secrets-workbench hook in ${shown}: nothing changed`,
  };
  if (!existing || !isOurs(existing.toString('latin1'))) return notInstalled;
  if (target.kind === 'husky') {
    const text = existing.toString('latin1'); // byte for byte: the rest is written back unchanged
    const begin = text.lastIndexOf(`${MARK} >>>`);
    const endMark = text.indexOf(huskyEnd, begin);
    if (begin < 0 || endMark < 0)
      throw new HookError(`${shown}: the secrets-workbench block was edited; remove it by hand`);
    if (text.startsWith(huskyBeginCreated, begin)) {
      unlinkSync(target.path);
      return { hookPath: target.path, kind: 'husky', action: 'removed', message: `removed ${shown} (husky)` };
    }
    const newlineAdded = text.startsWith(huskyBeginNewline, begin);
    const end = endMark + huskyEnd.length + (text[endMark + huskyEnd.length] === '\n' ? 1 : 0);
    const before = text.slice(0, newlineAdded && text[begin - 1] === '\n' ? begin - 1 : begin);
    writeFileSync(target.path, Buffer.from(before + text.slice(end), 'latin1'));
    return {
      hookPath: target.path,
      kind: 'husky',
      action: 'block-removed',
      message: `removed the block from ${shown} (husky)`,
    };
  }
  const previousPath = target.path + CHAINED_SUFFIX;
  unlinkSync(target.path);
  if (readIfExists(previousPath)) {
    renameSync(previousPath, target.path);
    return {
      hookPath: target.path,
      kind: 'hooks',
      action: 'restored',
      previousPath,
      message: `removed; the previous hook is back in ${shown}`,
    };
  }
  return { hookPath: target.path, kind: 'hooks', action: 'removed', message: `removed ${shown}` };
}
