// Read-only virtual documents holding secret values for a diff. Contents live in memory only, are never
// written to disk, and are dropped when the document closes.
import { createHash, randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import type { SecretValue } from '../../core/store/index';

export const valueDocumentScheme = 'secrets-workbench-sync';

export class ValueDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly contents = new Map<string, string>();
  private readonly subscriptions: vscode.Disposable[];

  constructor() {
    this.subscriptions = [
      vscode.workspace.registerTextDocumentContentProvider(valueDocumentScheme, this),
      vscode.workspace.onDidCloseTextDocument((doc) => this.contents.delete(doc.uri.toString())),
    ];
  }

  /** A URI whose document shows `value` (or an explanation when it is missing). */
  create(side: string, secretName: string, value: SecretValue | undefined): vscode.Uri {
    const uri = vscode.Uri.from({
      scheme: valueDocumentScheme,
      path: `/${side}/${secretName}`,
      query: randomUUID(),
    });
    this.contents.set(uri.toString(), renderValue(value));
    return uri;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? '';
  }

  dispose(): void {
    this.contents.clear();
    vscode.Disposable.from(...this.subscriptions).dispose();
  }
}

/** JSON objects are pretty-printed so a diff shows which key changed; binary shows its size and digest only. */
export function renderValue(value: SecretValue | undefined): string {
  if (!value) return '(no value)\n';
  if (value.secretBinary !== undefined) {
    const digest = createHash('sha256').update(value.secretBinary).digest('hex');
    return `(binary value: ${value.secretBinary.byteLength} bytes, sha256 ${digest})\n`;
  }
  const text = value.secretString ?? '';
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object') return `${JSON.stringify(parsed, null, 2)}\n`;
  } catch {
    // not JSON: show as is
  }
  return text.endsWith('\n') ? text : `${text}\n`;
}
