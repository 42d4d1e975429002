// What a save of a secret document asks before it creates a new version, shared by the save command (Ctrl+S on
// a secret document) and the file system's writeFile (every other way VS Code saves). VS Code reports any error
// thrown by writeFile as "Failed to save", so the save command asks first: a cancel there leaves the document
// dirty and says nothing, and the answer is handed to writeFile so it does not ask twice.
import * as vscode from 'vscode';
import { invalidJsonEdit, type InvalidJsonEdit } from '../../core/explorer/value-format';
import { DiagnosticSource } from '../constants';
import type { UserInput } from '../../core/usecases/ports';

export interface SaveRequest {
  uri: vscode.Uri;
  name: string;
  connectionLabel: string;
  /** The value stored now (AWSCURRENT). */
  current: string;
  /** The document's text to save. */
  edited: string;
  /** The secret changed since the document read it. */
  changedElsewhere: boolean;
}

export class SaveConfirmations implements vscode.Disposable {
  /** "Not valid JSON" problems on secret documents whose save was refused. */
  readonly problems = vscode.languages.createDiagnosticCollection('secrets-workbench-values');
  /** Texts the user already agreed to save, by document URI: taken once by writeFile. */
  private readonly approved = new Map<string, string>();
  private readonly disposables: vscode.Disposable[] = [
    this.problems,
    // A stale position would point at the wrong place: the JSON language's own live errors take over.
    vscode.workspace.onDidChangeTextDocument((event) => this.problems.delete(event.document.uri)),
    vscode.workspace.onDidCloseTextDocument((document) => this.problems.delete(document.uri)),
  ];

  /** Asks what a save needs (valid JSON for a key/value secret, then the new version); true to save. */
  async confirm(request: SaveRequest, ui: UserInput): Promise<boolean> {
    const invalid = invalidJsonEdit(request.current, request.edited);
    if (invalid) {
      const where = this.markInvalid(request.uri, request.edited, invalid);
      const asPlainText = await ui.confirm({
        message: `Not saved: "${request.name}" is a key/value (JSON) secret, and this text is not valid JSON (${where}).`,
        detail:
          'Fix the JSON and save again, or save the text as a plain-text value: programs that read this secret ' +
          'as JSON would then fail.',
        confirmLabel: 'Save as Plain Text',
      });
      if (!asPlainText) return false;
    } else {
      this.problems.delete(request.uri);
    }
    return ui.confirm({
      message: `Save a new version of "${request.name}" in ${request.connectionLabel}?`,
      detail:
        (request.changedElsewhere ? 'The secret has changed since you opened it; saving replaces that change. ' : '') +
        'The new version becomes AWSCURRENT and the current one becomes AWSPREVIOUS.',
      confirmLabel: 'Save New Version',
    });
  }

  approve(uri: vscode.Uri, text: string): void {
    this.approved.set(uri.toString(), text);
  }

  /** True once if exactly this text was approved for this document. */
  takeApproval(uri: vscode.Uri, text: string): boolean {
    const approved = this.approved.get(uri.toString());
    this.approved.delete(uri.toString());
    return approved === text;
  }

  private markInvalid(uri: vscode.Uri, text: string, invalid: InvalidJsonEdit): string {
    const start = positionAt(text, invalid.offset);
    const end = positionAt(text, invalid.offset + Math.max(invalid.length, 1));
    const problem = words(invalid.problem);
    const diagnostic = new vscode.Diagnostic(
      new vscode.Range(start, end),
      `Not valid JSON (${problem}): this key/value secret is saved only as valid JSON, or as plain text if you ` +
        'choose so when saving.',
      vscode.DiagnosticSeverity.Error,
    );
    diagnostic.source = DiagnosticSource;
    this.problems.set(uri, [diagnostic]);
    return `${problem} at line ${start.line + 1}, column ${start.character + 1}`;
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}

function positionAt(text: string, offset: number): vscode.Position {
  const before = text.slice(0, Math.min(offset, text.length));
  const line = before.split('\n').length - 1;
  return new vscode.Position(line, before.length - (before.lastIndexOf('\n') + 1));
}

/** "CommaExpected" → "comma expected". */
function words(code: string): string {
  return code
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .replace(/^invalid json$/, 'invalid');
}
