// #20: whatever the settings say (a workspace trusted before these were user-only, an old user setting), a
// generated password has at least 16 characters and two character classes, and a copied secret is cleared,
// also when the window closes.
import { strict as assert } from 'node:assert';
import type * as vscode from 'vscode';
import { generateRandomPassword } from '../../../src/core/store/random-password';
import { ClipboardGuard } from '../../../src/vscode/clipboard-guard';
import { clipboardClearSeconds, passwordRules } from '../../../src/vscode/settings';

function configuration(values: Record<string, unknown>): vscode.WorkspaceConfiguration {
  return { get: (name: string) => values[name] } as unknown as vscode.WorkspaceConfiguration;
}

const classesIn = (password: string) =>
  [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9 ]/].filter((pattern) => pattern.test(password)).length;

describe('setting floors (#20)', () => {
  it('a 4-digit password rule yields at least 16 characters of at least two classes', () => {
    const weak = configuration({
      'passwordRules.length': 4,
      'passwordRules.excludeUppercase': true,
      'passwordRules.excludeLowercase': true,
      'passwordRules.excludePunctuation': true,
      'passwordRules.requireEachIncludedType': false,
    });
    const rules = passwordRules(weak);
    assert.equal(rules.passwordLength, 16);
    assert.equal(rules.requireEachIncludedType, true);
    for (let i = 0; i < 50; i++) {
      const password = generateRandomPassword(rules);
      assert.ok(password.length >= 16);
      assert.ok(classesIn(password) >= 2, 'two classes at least');
    }
  });

  it('keeps rules above the floors as they are (32 characters without punctuation)', () => {
    const rules = passwordRules(
      configuration({ 'passwordRules.length': 40, 'passwordRules.excludePunctuation': true }),
    );
    assert.equal(rules.passwordLength, 40);
    assert.equal(rules.excludePunctuation, true);
  });

  it('an exclusion list that would empty all but one class is dropped', () => {
    const rules = passwordRules(
      configuration({
        'passwordRules.excludeCharacters': 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
      }),
    );
    assert.equal(rules.excludeCharacters, undefined);
  });

  it('clipboard clearing cannot be turned off: 0 or less becomes 1 second', () => {
    assert.equal(clipboardClearSeconds(configuration({ 'clipboard.clearAfterSeconds': 0 })), 1);
    assert.equal(clipboardClearSeconds(configuration({ 'clipboard.clearAfterSeconds': -5 })), 1);
    assert.equal(clipboardClearSeconds(configuration({ 'clipboard.clearAfterSeconds': 45 })), 45);
  });
});

describe('clipboard cleared on dispose (#20)', () => {
  class MemoryClipboard {
    text = '';
    async readText() {
      return this.text;
    }
    async writeText(text: string) {
      this.text = text;
    }
  }

  it('clears a copied value still on the clipboard when disposed (reload, exit)', async () => {
    const clipboard = new MemoryClipboard();
    const guard = new ClipboardGuard(clipboard, () => 300);
    await guard.copySecret('synthetic-copied-value');
    guard.dispose();
    await guard.settled();
    assert.equal(clipboard.text, '');
  });

  it('leaves the clipboard alone when the user copied something else since', async () => {
    const clipboard = new MemoryClipboard();
    const guard = new ClipboardGuard(clipboard, () => 300);
    await guard.copySecret('synthetic-copied-value');
    clipboard.text = 'something the user copied';
    guard.dispose();
    await guard.settled();
    assert.equal(clipboard.text, 'something the user copied');
  });

  it('clears even when the setting says 0 (never is not allowed)', async () => {
    const clipboard = new MemoryClipboard();
    const guard = new ClipboardGuard(clipboard, () => 0);
    assert.equal(await guard.copySecret('synthetic-copied-value'), 1);
    await new Promise((r) => setTimeout(r, 1_200));
    assert.equal(clipboard.text, '');
    guard.dispose();
  });
});
