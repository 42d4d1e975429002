// Copies a value and clears the clipboard after the configured delay, unless the user has copied
// something else since (then the clipboard is theirs and is left alone).

export interface Clipboard {
  readText(): Thenable<string> | Promise<string>;
  writeText(text: string): Thenable<void> | Promise<void>;
}

export class ClipboardGuard {
  private readonly timers = new Set<ReturnType<typeof setTimeout>>();

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

  /** Copies a secret value; returns the delay after which it is cleared (0 = never). */
  async copySecret(value: string): Promise<number> {
    await this.clipboard.writeText(value);
    const seconds = this.clearAfterSeconds();
    if (seconds > 0) {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        void this.clearIfUnchanged(value);
      }, seconds * 1000);
      this.timers.add(timer);
    }
    return seconds;
  }

  private async clearIfUnchanged(value: string): Promise<void> {
    try {
      if ((await this.clipboard.readText()) === value) await this.clipboard.writeText('');
    } catch {
      // The clipboard may be unavailable (e.g. a window without focus); nothing else to do.
    }
  }

  dispose(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}
