// Copies a value and clears the clipboard after the configured delay, unless the user has copied
// something else since (then the clipboard is theirs and is left alone).

export interface Clipboard {
  readText(): Thenable<string> | Promise<string>;
  writeText(text: string): Thenable<void> | Promise<void>;
}

export class ClipboardGuard {
  private readonly timers = new Map<ReturnType<typeof setTimeout>, string>();
  private clearing: Promise<unknown> = Promise.resolve();

  constructor(
    private clipboard: Clipboard,
    private readonly clearAfterSeconds: () => number,
  ) {}

  /** Tests swap in a memory clipboard (the browser's clipboard needs a user gesture). */
  use(clipboard: Clipboard): void {
    this.clipboard = clipboard;
  }

  async copyText(text: string): Promise<void> {
    await this.clipboard.writeText(text);
  }

  /** Copies a secret value; returns the delay after which it is cleared (at least 1 s). */
  async copySecret(value: string): Promise<number> {
    await this.clipboard.writeText(value);
    const seconds = Math.max(1, this.clearAfterSeconds());
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      void this.clearIfUnchanged(value);
    }, seconds * 1000);
    this.timers.set(timer, value);
    return seconds;
  }

  private async clearIfUnchanged(value: string): Promise<void> {
    try {
      if ((await this.clipboard.readText()) === value) await this.clipboard.writeText('');
    } catch {
      // The clipboard may be unavailable (e.g. a window without focus); nothing else to do.
    }
  }

  /**
   * On shutdown or reload: a value whose clearing is still pending is cleared now if the clipboard still holds
   * it, so a copied secret does not outlive the window. `settled()` resolves when that is done.
   */
  dispose(): void {
    const pending = [...new Set(this.timers.values())];
    for (const timer of this.timers.keys()) clearTimeout(timer);
    this.timers.clear();
    this.clearing = Promise.all(pending.map((value) => this.clearIfUnchanged(value)));
  }

  settled(): Promise<unknown> {
    return this.clearing;
  }
}
