// A UserInput for tests: answers come from a queue, every prompt and notification is recorded.
// Kept free of `vscode` so unit tests and the integration suites (separate bundles) both use it.
import type { ConfirmOptions, PickItem, PickOptions, Severity, TextOptions, UserInput } from './ports';

/** How a queued answer selects a pick item: by label (exact or pattern), or by predicate on the value. */
export type PickAnswer = string | RegExp | ((item: PickItem<unknown>) => boolean) | undefined;

export type Answer =
  | { kind: 'pick'; choose: PickAnswer }
  | { kind: 'pickMany'; choose: PickAnswer[] }
  | { kind: 'text'; text: string | undefined }
  | { kind: 'confirm'; yes: boolean };

export interface RecordedPrompt {
  kind: Answer['kind'];
  title: string;
  /** Labels of the offered items, or the prompt text. */
  shown: string[];
  /** The text an input box started with (a pre-filled answer). */
  value?: string;
  /** Descriptions of the offered items, in order. */
  descriptions?: (string | undefined)[];
}

export class ScriptedUserInput implements UserInput {
  private readonly answers: Answer[] = [];
  readonly prompts: RecordedPrompt[] = [];
  readonly notifications: Array<{ severity: Severity; message: string; actions: string[] }> = [];
  /** Actions to choose on the next notifications, in order (else none is chosen). */
  readonly notificationActions: Array<string | undefined> = [];

  queue(...answers: Answer[]): this {
    this.answers.push(...answers);
    return this;
  }

  pickAnswer(choose: PickAnswer): this {
    return this.queue({ kind: 'pick', choose });
  }

  textAnswer(text: string | undefined): this {
    return this.queue({ kind: 'text', text });
  }

  confirmAnswer(yes: boolean): this {
    return this.queue({ kind: 'confirm', yes });
  }

  get pending(): number {
    return this.answers.length;
  }

  async pick<T>(items: PickItem<T>[], options: PickOptions): Promise<T | undefined> {
    const answer = this.next(
      'pick',
      options.title,
      items.map((i) => i.label),
      { descriptions: items.map((i) => i.description) },
    );
    if (answer.kind !== 'pick' || answer.choose === undefined) return undefined;
    return find(items, answer.choose, options.title).value;
  }

  async pickMany<T>(items: PickItem<T>[], options: PickOptions): Promise<T[] | undefined> {
    const answer = this.next(
      'pickMany',
      options.title,
      items.map((i) => i.label),
    );
    if (answer.kind !== 'pickMany') return undefined;
    return answer.choose.flatMap((c) => (c === undefined ? [] : [find(items, c, options.title).value]));
  }

  async text(options: TextOptions): Promise<string | undefined> {
    const answer = this.next(
      'text',
      options.title,
      [options.prompt],
      options.value !== undefined ? { value: options.value } : {},
    );
    if (answer.kind !== 'text' || answer.text === undefined) return undefined;
    const problem = options.validate?.(answer.text);
    if (problem) throw new Error(`Scripted text for "${options.title}" was rejected: ${problem}`);
    return answer.text;
  }

  async confirm(options: ConfirmOptions): Promise<boolean> {
    this.notifications.push({
      severity: 'warning',
      message: `${options.message}\n${options.detail ?? ''}`,
      actions: [options.confirmLabel],
    });
    const answer = this.next('confirm', options.message, [options.confirmLabel]);
    return answer.kind === 'confirm' && answer.yes;
  }

  async notify(severity: Severity, message: string, ...actions: string[]): Promise<string | undefined> {
    this.notifications.push({ severity, message, actions });
    return this.notificationActions.shift();
  }

  /** Every text the user was shown (prompts, modals, notifications), for leak checks. */
  shownText(): string {
    return [
      ...this.prompts.flatMap((p) => [p.title, ...p.shown]),
      ...this.notifications.flatMap((n) => [n.message, ...n.actions]),
    ].join('\n');
  }

  private next(
    kind: Answer['kind'],
    title: string,
    shown: string[],
    extra: Pick<RecordedPrompt, 'value' | 'descriptions'> = {},
  ): Answer {
    this.prompts.push({ kind, title, shown, ...extra });
    const answer = this.answers.shift();
    if (!answer) throw new Error(`No scripted answer queued for ${kind} "${title}"`);
    if (answer.kind !== kind) throw new Error(`Scripted answer is a ${answer.kind}, but "${title}" asks for a ${kind}`);
    return answer;
  }
}

function find<T>(items: PickItem<T>[], choose: Exclude<PickAnswer, undefined>, title: string): PickItem<T> {
  const match = items.find((item) =>
    typeof choose === 'string'
      ? item.label === choose
      : choose instanceof RegExp
        ? choose.test(item.label)
        : choose(item as PickItem<unknown>),
  );
  if (!match)
    throw new Error(`No item of "${title}" matches ${String(choose)}: ${items.map((i) => i.label).join(' | ')}`);
  return match;
}
