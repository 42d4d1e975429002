// "Check whether this credential is live…": one explicit question per finding, naming the host it will contact;
// the answer (Live with identity, Revoked/invalid, Unknown with the reason) is kept for the session per
// credential fingerprint. Never automatic, never the value in any message.
import * as vscode from 'vscode';
import { findingKey } from '../diagnostics/finding-data';
import type { SecretDiagnostics } from '../diagnostics/secret-diagnostics';
import {
  describeVerification,
  VerificationCache,
  verificationQuestion,
  verificationTarget,
  type VerificationResult,
} from '../../core/verify/index';

export interface VerifyArgs {
  uri: string;
  findingKey: string;
}

const cache = new VerificationCache();

function endpoints(): Record<string, string> {
  return (
    vscode.workspace.getConfiguration('secretsWorkbench').get<Record<string, string>>('verification.endpoints') ?? {}
  );
}

export async function verifyCredentialCommand(
  args: VerifyArgs,
  diagnostics: SecretDiagnostics,
): Promise<VerificationResult | undefined> {
  const uri = vscode.Uri.parse(args.uri);
  const document = await vscode.workspace.openTextDocument(uri);
  const finding = diagnostics.data.get(uri)?.findings.find((f) => findingKey(f) === args.findingKey);
  const target = finding && verificationTarget(finding.ruleId, { endpoints: endpoints() });
  if (!finding || !target) return undefined;
  const answer = await vscode.window.showWarningMessage(
    verificationQuestion(finding.kind, target.url.host),
    { modal: true, detail: `Request: ${target.verifier.request('').method} ${target.url.toString()}` },
    'Check',
  );
  if (answer !== 'Check') return undefined;
  const value = document.getText(
    document.validateRange(
      new vscode.Range(
        finding.range.start.line,
        finding.range.start.character,
        finding.range.end.line,
        finding.range.end.character,
      ),
    ),
  );
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Asking ${target.url.host}…` },
    () => cache.verify(finding.ruleId, finding.valueHash, value, { endpoints: endpoints() }),
  );
  if (!result) return undefined;
  const message = describeVerification(finding.kind, result);
  if (result.status === 'live') {
    void vscode.window.showWarningMessage(message, 'Open Revoke Page', 'Move to Secret Manager…').then((choice) => {
      if (choice === 'Open Revoke Page') void vscode.env.openExternal(vscode.Uri.parse(target.verifier.revokeUrl));
      if (choice === 'Move to Secret Manager…') void vscode.commands.executeCommand('editor.action.quickFix');
    });
  } else if (result.status === 'revoked') void vscode.window.showInformationMessage(message);
  else void vscode.window.showWarningMessage(message);
  return result;
}
