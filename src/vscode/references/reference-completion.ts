// Completion inside a fetch call's secret-name argument (names the folder's validating connection lists) and,
// after a literal name, inside its JSON-key argument (the key names of the secret's current version). An item
// shows a name or key and, for names, the secret's description: never a value.
import * as vscode from 'vscode';
import { completionContextAt } from '../../core/references/completion-context';
import type { ReferenceFacts } from './reference-facts';

/** Opening quotes start an argument; `:` and `/` continue a dynamic reference or a folder path. */
export const referenceTriggerCharacters = ["'", '"', '`', ':', '/'];

export class ReferenceCompletion implements vscode.CompletionItemProvider {
  constructor(private readonly lookups: ReferenceFacts) {}

  async provideCompletionItems(
    document: vscode.TextDocument,
    position: vscode.Position,
  ): Promise<vscode.CompletionItem[] | undefined> {
    // Only the text around the cursor: the call starts a few lines up at most, the argument ends on this line.
    const offset = document.offsetAt(position);
    const windowStart = document.positionAt(Math.max(0, offset - 400));
    const base = document.offsetAt(windowStart);
    const text = document.getText(new vscode.Range(windowStart, document.lineAt(position.line).range.end));
    const context = completionContextAt(text, offset - base, document.languageId);
    if (!context) return undefined;
    const range = new vscode.Range(document.positionAt(base + context.start), document.positionAt(base + context.end));
    const connection = this.lookups.connectionFor(document.uri);
    if (context.kind === 'name') {
      const secrets = await this.lookups.secretNames(connection.id).catch(() => []);
      return secrets.map((secret) => {
        const item = new vscode.CompletionItem(
          { label: secret.name, description: connection.label },
          vscode.CompletionItemKind.Reference,
        );
        item.range = range;
        item.detail = secret.description;
        return item;
      });
    }
    const keys = await this.lookups.jsonKeys(connection.id, context.secretId).catch(() => undefined);
    return (keys ?? []).map((key) => {
      const item = new vscode.CompletionItem(
        { label: key, description: `key of ${context.secretId}` },
        vscode.CompletionItemKind.Field,
      );
      item.range = range;
      return item;
    });
  }
}
