// Quick fixes on our diagnostics: Move to <each destination> (the first preferred), the same reading an
// environment variable (preferred where no fetch can be written without a wrong result), Ignore this line,
// Ignore in this file, Mark as not a secret. The diagnostic's finding comes from the side table.
import * as vscode from 'vscode';
import {
  ENV_READ_LANGUAGES,
  planFix,
  relatedGroup,
  separateTargets,
  suggestSecretName,
  suppressionEdit,
  targetsFor,
  uniqueByRange,
  type FixMode,
} from '../../core/fixes/index';
import { verifierFor } from '../../core/verify/index';
import { DiagnosticSource, QuickFixCommands } from '../constants';
import { findingKey } from '../diagnostics/finding-data';
import type { SecretDiagnostics } from '../diagnostics/secret-diagnostics';
import { moveTitle, type SecretDestinationProvider } from './destinations';
import type { DotenvChoice } from './dotenv-choice';
import type { MoveArgs } from './move-secret';
import { projectModuleInfo, readProjectEnv } from './project-files';

export class SecretCodeActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(
    private readonly diagnostics: SecretDiagnostics,
    private readonly destinations: () => SecretDestinationProvider,
    private readonly dotenvChoice?: DotenvChoice,
  ) {}

  async provideCodeActions(
    document: vscode.TextDocument,
    _range: vscode.Range,
    context: vscode.CodeActionContext,
  ): Promise<vscode.CodeAction[]> {
    const actions: vscode.CodeAction[] = [];
    const data = this.diagnostics.data.get(document.uri);
    if (!data || !context.diagnostics.some((d) => d.source === DiagnosticSource)) return actions;
    const relativePath = vscode.workspace.asRelativePath(document.uri, false);
    const project = await projectModuleInfo(document.uri);
    const folder = vscode.workspace.getWorkspaceFolder(document.uri)?.uri ?? vscode.Uri.joinPath(document.uri, '..');
    const existingEnv = (await readProjectEnv(folder)).env;
    for (const diagnostic of context.diagnostics) {
      if (diagnostic.source !== DiagnosticSource) continue;
      const finding = this.diagnostics.data.findingFor(document.uri, diagnostic);
      if (!finding) continue;
      const text = document.getText();
      const group = relatedGroup(text, data.findings, finding);
      // Dry runs name what each fix will do in its title (a variable, only the move), or rule the fetch out.
      const request = {
        text,
        path: relativePath,
        languageId: document.languageId,
        targets: targetsFor(group),
        secretName: suggestSecretName({ path: relativePath, findings: group }),
        project,
        existingEnv,
      };
      const fetchPlan = planFix(request);
      const envPlan = ENV_READ_LANGUAGES.has(fetchPlan.language) ? planFix({ ...request, mode: 'env' }) : undefined;
      const together = group.length > 1 ? ` (${group.length} values as one JSON secret)` : '';
      const variants: { mode: FixMode; onePerValue?: boolean; title: string }[] = [];
      if (!fetchPlan.blocked)
        variants.push({
          mode: fetchPlan.mode,
          title: `${together}${fetchPlan.titleNote ? ` — ${fetchPlan.titleNote}` : ''}`,
        });
      if (envPlan) {
        const names = Object.keys(envPlan.env ?? {}).join(', ');
        variants.push({ mode: 'env', title: `${together} — read from environment variable ${names}` });
      }
      // A .env's credentials are often unrelated: offer one secret per value too, the last choice first.
      const unique = uniqueByRange(group);
      if (fetchPlan.language === 'dotenv' && unique.length > 1) {
        const names = unique.map((member) => suggestSecretName({ path: relativePath, findings: [member] }));
        const separate = planFix({ ...request, targets: separateTargets(unique, names) });
        const onePerValue = {
          mode: separate.mode,
          onePerValue: true,
          title: ` (${unique.length} values, one secret each)${separate.titleNote ? ` — ${separate.titleNote}` : ''}`,
        };
        if (this.dotenvChoice?.onePerValue()) variants.unshift(onePerValue);
        else variants.push(onePerValue);
      }
      this.destinations()
        .list()
        .forEach((destination, index) =>
          variants.forEach((variant, variantIndex) => {
            const action = new vscode.CodeAction(
              `${moveTitle(destination)}${variant.title}`,
              vscode.CodeActionKind.QuickFix,
            );
            action.diagnostics = [diagnostic];
            action.isPreferred = index === 0 && variantIndex === 0;
            const args: MoveArgs = {
              uri: document.uri.toString(),
              findingKey: findingKey(finding),
              destinationId: destination.id,
              ...(variant.mode === 'env' ? { mode: 'env' as const } : {}),
              ...(variant.onePerValue ? { onePerValue: true } : {}),
            };
            action.command = { command: QuickFixCommands.moveSecret, title: action.title, arguments: [args] };
            actions.push(action);
          }),
        );
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
      const verifier = verifierFor(finding.ruleId);
      // a key pair is checked as a pair: a lone AWS key id offers no check
      if (verifier && (!verifier.pairedRuleIds || finding.relatedId)) {
        const check = new vscode.CodeAction('Check whether this credential is live…', vscode.CodeActionKind.QuickFix);
        check.diagnostics = [diagnostic];
        check.command = {
          command: QuickFixCommands.checkLive,
          title: check.title,
          arguments: [{ uri: document.uri.toString(), findingKey: findingKey(finding) }],
        };
        actions.push(check);
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
