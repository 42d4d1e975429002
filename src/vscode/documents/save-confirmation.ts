// What a save of a secret document asks before it creates a new version, shared by the save command (Ctrl+S on
// a secret document) and the file system's writeFile (File > Save, Save All, closing an editor: every other way
// VS Code saves). VS Code reports any error thrown by writeFile as "Failed to save", so a cancel must not throw:
// the save command asks before VS Code saves, and writeFile, asked itself, keeps the document dirty (keepDirty).
import * as vscode from 'vscode';
import { invalidJsonEdit, type InvalidJsonEdit } from '../../core/explorer/value-format';
import { DiagnosticSource, Schemes } from '../constants';
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
  /** Why VS Code is saving each secret document (explicitly or by auto save), by URI: taken once by writeFile. */
  private readonly reasons = new Map<string, vscode.TextDocumentSaveReason>();
  /** Documents being kept dirty by keepDirty: their no-op edit is no reason to drop the JSON problem. */
  private readonly keepingDirty = new Set<string>();
  /** Documents kept dirty during a save whose "saved" news must be corrected once the save ends. */
  private readonly resyncAfterSave = new Set<string>();
  private readonly nudges = new Map<string, Promise<void>>();
  private readonly disposables: vscode.Disposable[] = [
    this.problems,
    // A stale position would point at the wrong place: the JSON language's own live errors take over.
    vscode.workspace.onDidChangeTextDocument((event) => {
      if (!this.keepingDirty.has(event.document.uri.toString())) this.problems.delete(event.document.uri);
    }),
    vscode.workspace.onDidCloseTextDocument((document) => this.problems.delete(document.uri)),
    vscode.workspace.onDidSaveTextDocument((document) => {
      if (this.resyncAfterSave.delete(document.uri.toString())) void this.nudge(document.uri);
    }),
    vscode.workspace.onWillSaveTextDocument((event) => {
      if (event.document.uri.scheme === Schemes.value) this.reasons.set(event.document.uri.toString(), event.reason);
    }),
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

  /** True once if VS Code announced this save as an auto save (after a delay, or on focus change). */
  takeAutoSave(uri: vscode.Uri): boolean {
    const reason = this.reasons.get(uri.toString());
    this.reasons.delete(uri.toString());
    return reason !== undefined && reason !== vscode.TextDocumentSaveReason.Manual;
  }

  /**
   * Keeps a document dirty after a declined save, for writeFile to return normally (anything it throws shows as
   * "Failed to save"). VS Code leaves a document dirty when its text changed while the save ran, and it drops
   * edits that change nothing, so a space is added at the end and removed again. The extension host still hears
   * "saved" and would think the document clean (Ctrl+S would then do nothing), so the nudge repeats once the save
   * has finished: a text change carries the true dirty state across.
   */
  async keepDirty(uri: vscode.Uri): Promise<void> {
    await this.nudge(uri);
    this.resyncAfterSave.add(uri.toString());
  }

  /** One nudge at a time per document: two interleaved ones would each delete the other's space. */
  private nudge(uri: vscode.Uri): Promise<void> {
    const key = uri.toString();
    const next = (this.nudges.get(key) ?? Promise.resolve()).then(() => this.addAndRemoveSpace(uri));
    this.nudges.set(key, next);
    return next.finally(() => {
      if (this.nudges.get(key) === next) this.nudges.delete(key);
    });
  }

  private async addAndRemoveSpace(uri: vscode.Uri): Promise<void> {
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (!document) return;
    const key = uri.toString();
    this.keepingDirty.add(key);
    try {
      const end = document.lineAt(document.lineCount - 1).range.end;
      const space = new vscode.Range(end, end.translate(0, 1));
      const editor = vscode.window.visibleTextEditors.find((e) => e.document === document);
      if (editor) {
        // Two edits (one would cancel out), both folded into the user's last undo step.
        const quiet = { undoStopBefore: false, undoStopAfter: false };
        await editor.edit((builder) => builder.insert(end, ' '), quiet);
        await editor.edit((builder) => builder.delete(space), quiet);
      } else {
        const insert = new vscode.WorkspaceEdit();
        insert.insert(uri, end, ' ');
        await vscode.workspace.applyEdit(insert);
        const remove = new vscode.WorkspaceEdit();
        remove.delete(uri, space);
        await vscode.workspace.applyEdit(remove);
      }
    } finally {
      this.keepingDirty.delete(key);
    }
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
