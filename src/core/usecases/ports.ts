// The ports a use case takes as arguments: questions and notifications (UserInput), progress, and the log.
// Each front adapts them: the extension with quick picks and message boxes (src/vscode/vscode-user-input.ts),
// the CLI with no-echo terminal prompts (src/cli/cli-user-input.ts), tests with queued answers
// (scripted-user-input.ts). Use cases never reach for `window`, a terminal or a console directly.

export interface PickItem<T> {
  label: string;
  description?: string;
  detail?: string;
  value: T;
  picked?: boolean;
}

export interface PickOptions {
  title: string;
  placeholder?: string;
  /** Multi-step inputs show "step n/total". */
  step?: { current: number; total: number };
}

export interface TextOptions {
  title: string;
  prompt: string;
  value?: string;
  placeholder?: string;
  password?: boolean;
  /** Returns a problem to show, or undefined when the text is acceptable. */
  validate?: (text: string) => string | undefined;
  step?: { current: number; total: number };
}

export interface ConfirmOptions {
  /** The modal's text: names the secret and what happens. */
  message: string;
  detail?: string;
  confirmLabel: string;
}

export type Severity = 'info' | 'warning' | 'error';

export interface UserInput {
  pick<T>(items: PickItem<T>[], options: PickOptions): Promise<T | undefined>;
  pickMany<T>(items: PickItem<T>[], options: PickOptions): Promise<T[] | undefined>;
  text(options: TextOptions): Promise<string | undefined>;
  /** A modal confirmation; resolves true only when the user chose `confirmLabel`. */
  confirm(options: ConfirmOptions): Promise<boolean>;
  /** A notification with optional action buttons; resolves to the chosen action. */
  notify(severity: Severity, message: string, ...actions: string[]): Promise<string | undefined>;
}

/** Reports a long operation's progress; `onCancel` fires when the user cancels (where cancelling is offered). */
export interface ProgressReport {
  report(message: string): void;
  /** Set when the user cancelled (where the operation allows cancelling). */
  readonly cancelled: boolean;
  onCancel(listener: () => void): void;
}

/** Runs a task under a progress indicator; `cancellable` offers a Cancel button. */
export type Progress = <T>(
  title: string,
  task: (progress: ProgressReport) => Promise<T>,
  cancellable?: boolean,
) => Promise<T>;

/** Where a use case says what it did. Operations and names only: never a value. */
export interface Log {
  info(message: string): void;
  error(operation: string, error: unknown): void;
}

/** The ports every use case takes. */
export interface Ports {
  ui: UserInput;
  progress: Progress;
  log: Log;
}

/** Runs the task without showing progress (the CLI prints its result when done; tests need no spinner). */
export const withoutProgress: Progress = (_title, task) =>
  task({ report: () => undefined, cancelled: false, onCancel: () => undefined });

/** The user dismissed a question: the operation ends quietly, having changed nothing. */
export class UserCancelled extends Error {
  constructor() {
    super('Cancelled');
  }
}

/** For answers the user dismissed: ends the operation quietly. */
export function required<T>(value: T | undefined): T {
  if (value === undefined) throw new UserCancelled();
  return value;
}

/** A step of a use case failed: names the operation and the secret, keeps the cause (whose message has no value). */
export class OperationFailure extends Error {
  constructor(
    readonly operation: string,
    override readonly cause: unknown,
  ) {
    super(`${operation} failed: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

/** Runs `fn`, rethrowing its failure as an OperationFailure naming `operation` (cancels pass through). */
export async function attempt<T>(operation: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof UserCancelled || error instanceof OperationFailure) throw error;
    throw new OperationFailure(operation, error);
  }
}
