// The use cases' ports in a terminal. The CLI mostly answers from its flags, so a use case rarely asks; when it
// does (a new passphrase, say), the question is a prompt on stderr, hidden for passwords, and a refused answer
// ends the command (no retry loop: scripts would hang). Without a terminal, asking is a usage error.
import { createInterface } from 'node:readline/promises';
import {
  UserCancelled,
  withoutProgress,
  type ConfirmOptions,
  type Log,
  type PickItem,
  type PickOptions,
  type Ports,
  type Severity,
  type TextOptions,
  type UserInput,
} from '../core/usecases/ports';
import { printableLines } from '../core/terminal-text';
import { UsageError, type CliIo } from './commands/types';
import { isInteractive, promptHidden } from './prompt';

export class CliUserInput implements UserInput {
  /** `password`: the answer to every hidden question (the passphrase from the environment), still validated. */
  constructor(
    private readonly io: CliIo,
    private readonly password?: string,
  ) {}

  async text(options: TextOptions): Promise<string> {
    const prompt = `${options.prompt}: `;
    const answer = options.password
      ? (this.password ?? (await promptHidden(this.io, prompt)))
      : await this.line(prompt);
    const problem = options.validate?.(answer);
    if (problem) throw new UsageError(problem);
    return answer;
  }

  async pick<T>(items: PickItem<T>[], options: PickOptions): Promise<T | undefined> {
    const lines = items.map(
      (item, i) => `  ${i + 1}. ${item.label}${item.description ? ` (${item.description})` : ''}`,
    );
    this.io.stderr.write(printableLines(`${options.placeholder ?? options.title}\n${lines.join('\n')}\n`));
    const chosen = Number(await this.line('Number: '));
    if (!Number.isInteger(chosen) || chosen < 1 || chosen > items.length) throw new UserCancelled();
    return items[chosen - 1].value;
  }

  async pickMany<T>(items: PickItem<T>[], options: PickOptions): Promise<T[] | undefined> {
    const one = await this.pick(items, options);
    return one === undefined ? undefined : [one];
  }

  async confirm(options: ConfirmOptions): Promise<boolean> {
    this.io.stderr.write(printableLines(`${options.message}\n${options.detail ?? ''}\n`));
    return /^y(es)?$/i.test((await this.line(`${options.confirmLabel}? [y/N] `)).trim());
  }

  async notify(_severity: Severity, message: string): Promise<undefined> {
    this.io.stderr.write(printableLines(`${message}\n`));
    return undefined;
  }

  private async line(prompt: string): Promise<string> {
    if (!isInteractive(this.io)) throw new UsageError('cannot ask: standard input is not a terminal');
    const rl = createInterface({ input: this.io.stdin, output: this.io.stderr, terminal: false });
    try {
      return await rl.question(prompt);
    } finally {
      rl.close();
    }
  }
}

/** The CLI prints each result itself (stdout) and each failure through its exit-code path: nothing to log. */
const silentLog: Log = { info: () => undefined, error: () => undefined };

export function cliPorts(io: CliIo, password?: string): Ports {
  return { ui: new CliUserInput(io, password), progress: withoutProgress, log: silentLog };
}
