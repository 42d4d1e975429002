// Every question and notification the commands make goes through UserInput, never through `window` directly:
// the VS Code implementation shows quick picks and messages; tests queue answers and capture every text shown.

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
