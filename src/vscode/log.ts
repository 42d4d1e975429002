// The extension's log: a LogOutputChannel (so "Show Log" opens it and VS Code keeps it on disk), plus the recent
// lines in memory so the test API can prove no value was ever written. Callers pass operations and names only.
import type * as vscode from 'vscode';
import { describeError } from './errors';

export class ExtensionLog {
  private readonly recent: string[] = [];

  constructor(private readonly channel: vscode.LogOutputChannel) {}

  info(message: string): void {
    this.remember(message);
    this.channel.info(message);
  }

  warn(message: string): void {
    this.remember(message);
    this.channel.warn(message);
  }

  /** Logs a failed operation: its name, the error's code and message (store errors never carry values). */
  error(operation: string, error: unknown): void {
    const line = `${operation} failed: ${describeError(error)}`;
    this.remember(line);
    this.channel.error(line);
  }

  show(): void {
    this.channel.show(true);
  }

  /** What was logged during this session (most recent 2,000 lines). */
  lines(): readonly string[] {
    return this.recent;
  }

  private remember(line: string): void {
    this.recent.push(line);
    if (this.recent.length > 2000) this.recent.shift();
  }
}
