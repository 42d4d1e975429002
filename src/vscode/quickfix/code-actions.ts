// Quick fixes on our diagnostics: Move to <each destination> (the first preferred), Ignore this line,
// Ignore in this file, Mark as not a secret. The diagnostic's finding comes from the side table.
import * as vscode from 'vscode';
import { planFix, relatedGroup, suggestSecretName, suppressionEdit, targetsFor } from '../../core/fixes/index';
import { DiagnosticSource, QuickFixCommands } from '../constants';
import { findingKey } from '../diagnostics/finding-data';
import type { SecretDiagnostics } from '../diagnostics/secret-diagnostics';
import { moveTitle, type SecretDestinationProvider } from './destinations';
import type { MoveArgs } from './move-secret';

export class SecretCodeActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(
    private readonly diagnostics: SecretDiagnostics,
    private readonly destinations: () => SecretDestinationProvider,
  ) {}

  provideCodeActions(
    document: vscode.TextDocument,
    _range: vscode.Range,
    context: vscode.CodeActionContext,
  ): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    const data = this.diagnostics.data.get(document.uri);
    if (!data) return actions;
    const relativePath = vscode.workspace.asRelativePath(document.uri, false);
    for (const diagnostic of context.diagnostics) {
      if (diagnostic.source !== DiagnosticSource) continue;
      const finding = this.diagnostics.data.findingFor(document.uri, diagnostic);
      if (!finding) continue;
      const text = document.getText();
      const group = relatedGroup(text, data.findings, finding);
      // A dry run names what the fix will do in the title (e.g. no await possible, only the move).
      const preview = planFix({
        text,
        path: relativePath,
        languageId: document.languageId,
        targets: targetsFor(group),
        secretName: suggestSecretName({ path: relativePath, findings: group }),
      });
      const together = group.length > 1 ? ` (${group.length} values as one JSON secret)` : '';
      const note = preview.titleNote ? ` — ${preview.titleNote}` : '';
      this.destinations()
        .list()
        .forEach((destination, index) => {
          const action = new vscode.CodeAction(
            `${moveTitle(destination)}${together}${note}`,
            vscode.CodeActionKind.QuickFix,
          );
          action.diagnostics = [diagnostic];
          action.isPreferred = index === 0;
          const args: MoveArgs = {
            uri: document.uri.toString(),
            findingKey: findingKey(finding),
            destinationId: destination.id,
          };
          action.command = { command: QuickFixCommands.moveSecret, title: action.title, arguments: [args] };
          actions.push(action);
        });
      for (const scope of ['line', 'file'] as const) {
        const edit = suppressionEdit(text, relativePath, document.languageId, finding, scope);
        if (!edit) continue;
        const action = new vscode.CodeAction(
          scope === 'line' ? 'Ignore this line' : `Ignore ${finding.ruleId} in this file`,
          vscode.CodeActionKind.QuickFix,
        );
        action.diagnostics = [diagnostic];
        action.edit = new vscode.WorkspaceEdit();
        action.edit.replace(
          document.uri,
          new vscode.Range(document.positionAt(edit.start), document.positionAt(edit.end)),
          edit.newText,
        );
        actions.push(action);
      }
      const allow = new vscode.CodeAction(
        'Mark as not a secret (allow this value in .secrets-workbench.json)',
        vscode.CodeActionKind.QuickFix,
      );
      allow.diagnostics = [diagnostic];
      allow.command = {
        command: QuickFixCommands.markNotSecret,
        title: allow.title,
        arguments: [{ uri: document.uri.toString(), valueHash: finding.valueHash }],
      };
      actions.push(allow);
    }
    return actions;
  }
}
