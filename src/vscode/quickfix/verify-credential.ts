// "Check whether this credential is live…": one explicit question per finding, naming the host it will contact;
// the answer (Live with identity, Revoked/invalid, Unknown with the reason) is kept for the session per
// credential fingerprint. Never automatic, never the value in any message. On Live, the guided revoke: AWS keys
// are deactivated through IAM with the user's own credentials, other providers' revoke pages open; then the move
// quick fix is offered.
import * as vscode from 'vscode';
import type { AwsConnectionConfig } from '../../core/aws/index';
import type { Finding } from '../../core/detection/finding';
import {
  credentialFingerprint,
  describeVerification,
  VerificationCache,
  verificationQuestion,
  verificationTarget,
  type VerificationResult,
} from '../../core/verify/index';
import { findingKey } from '../diagnostics/finding-data';
import type { SecretDiagnostics } from '../diagnostics/secret-diagnostics';
import type { UserInput } from '../../core/usecases/ports';

export interface VerifyArgs {
  uri: string;
  findingKey: string;
}

/** What the command did, for tests; never the value. */
export interface VerifyOutcome {
  result?: VerificationResult;
  /** 'deactivated' | 'revoke-page' | 'failed: <reason>' when a revoke was chosen. */
  revoke?: string;
  /** The move quick fix was offered after the answer or the revoke. */
  offeredMove: boolean;
}

export interface VerifyDeps {
  diagnostics: SecretDiagnostics;
  input: () => UserInput;
  /** The user's AWS connections, whose credentials deactivate a key (never the leaked pair's). */
  awsConnections: () => { label: string; config: AwsConnectionConfig }[];
}

export const Choices = {
  deactivate: 'Deactivate This Access Key…',
  revokePage: 'Open Revoke Page',
  move: 'Move to Secret Manager…',
} as const;

const cache = new VerificationCache();

function endpoints(): Record<string, string> {
  return (
    vscode.workspace.getConfiguration('secretsWorkbench').get<Record<string, string>>('verification.endpoints') ?? {}
  );
}

export async function verifyCredentialCommand(args: VerifyArgs, deps: VerifyDeps): Promise<VerifyOutcome> {
  const none: VerifyOutcome = { offeredMove: false };
  const uri = vscode.Uri.parse(args.uri);
  const document = await vscode.workspace.openTextDocument(uri);
  const findings = deps.diagnostics.data.get(uri)?.findings ?? [];
  const finding = findings.find((f) => findingKey(f) === args.findingKey);
  const target = finding && verificationTarget(finding.ruleId, { endpoints: endpoints() });
  if (!finding || !target) return none;
  const input = deps.input();
  const related = finding.relatedId ? findings.find((f) => f.id === finding.relatedId) : undefined;
  if (target.verifier.pairedRuleIds && !related) {
    void input.notify('warning', `The other half of this ${finding.kind}'s key pair is not beside it: cannot check.`);
    return none;
  }
  const request = target.verifier.request('');
  const confirmed = await input.confirm({
    message: verificationQuestion(finding.kind, target.url.host),
    detail: `Request: ${request.method} ${target.url.toString()}${request.body ? ` (${request.body})` : ''}`,
    confirmLabel: 'Check',
  });
  if (!confirmed) return none;
  const valueOf = (f: Finding) =>
    document.getText(
      document.validateRange(
        new vscode.Range(f.range.start.line, f.range.start.character, f.range.end.line, f.range.end.character),
      ),
    );
  const fingerprint = credentialFingerprint(finding, related);
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Asking ${target.url.host}…` },
    () =>
      cache.verify(finding.ruleId, fingerprint, valueOf(finding), {
        endpoints: endpoints(),
        ...(related ? { relatedValue: valueOf(related) } : {}),
      }),
  );
  if (!result) return none;
  const message = describeVerification(finding.kind, result);
  if (result.status !== 'live') {
    void input.notify(result.status === 'revoked' ? 'info' : 'warning', message);
    return { result, offeredMove: false };
  }
  const isAws = target.verifier.provider === 'aws';
  const choice = await input.notify('warning', message, isAws ? Choices.deactivate : Choices.revokePage, Choices.move);
  const outcome: VerifyOutcome = { result, offeredMove: true };
  if (choice === Choices.move) await openMoveQuickFix(uri, finding);
  else if (choice === Choices.revokePage) {
    await vscode.env.openExternal(vscode.Uri.parse(target.verifier.revokeUrl));
    outcome.revoke = 'revoke-page';
    await offerMove(input, uri, finding, `Once the ${finding.kind} is revoked on its provider's page, `);
  } else if (choice === Choices.deactivate) {
    const keyFinding = finding.ruleId === 'aws-access-key-id' ? finding : related!;
    outcome.revoke = await deactivate(deps, input, valueOf(keyFinding), result.identity);
    if (outcome.revoke === 'deactivated') {
      cache.forget(finding.ruleId, fingerprint);
      await offerMove(input, uri, finding, `Access key ${valueOf(keyFinding)} is now inactive. `);
    }
  }
  return outcome;
}

/** IAM UpdateAccessKey (Inactive), after a confirmation naming the key id and the IAM user STS named. */
async function deactivate(
  deps: VerifyDeps,
  input: UserInput,
  accessKeyId: string,
  arn: string | undefined,
): Promise<string | undefined> {
  const { iamUserName } = await import('../../core/verify/aws-sts.js');
  const userName = iamUserName(arn);
  if (!userName) {
    void input.notify(
      'warning',
      `${arn ?? 'This key'} is not an IAM user's access key (a role's temporary key cannot be deactivated): revoke the role's session in the IAM console.`,
    );
    return undefined;
  }
  const connections = deps.awsConnections();
  const connection =
    connections.length > 1
      ? await input.pick(
          connections.map((c) => ({ label: c.label, value: c })),
          { title: `Whose credentials deactivate access key ${accessKeyId}?` },
        )
      : (connections[0] ?? { label: 'your default AWS credentials', config: {} });
  if (!connection) return undefined;
  const confirmed = await input.confirm({
    message: `Deactivate access key ${accessKeyId} of IAM user ${userName}?`,
    detail:
      `IAM UpdateAccessKey (Status: Inactive) is called with ${connection.label}, not with the found key. ` +
      'Everything that still uses this key stops working; it can be reactivated in the IAM console.',
    confirmLabel: 'Deactivate',
  });
  if (!confirmed) return undefined;
  try {
    const { deactivateAccessKey } = await import('../../core/aws/access-keys.js');
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Deactivating ${accessKeyId}…` },
      () =>
        deactivateAccessKey({
          accessKeyId,
          userName,
          connection: connection.config,
          iamEndpoint: endpoints()['aws-iam'],
        }),
    );
    return 'deactivated';
  } catch (error) {
    const e = error as Error;
    const reason = `${e.name}: ${e.message}`;
    void input.notify('error', `Could not deactivate access key ${accessKeyId}: ${reason}`);
    return `failed: ${reason}`;
  }
}

async function offerMove(input: UserInput, uri: vscode.Uri, finding: Finding, lead: string): Promise<void> {
  const choice = await input.notify(
    'info',
    `${lead}Store its new value in a secret manager and replace the literal with a fetch call.`,
    Choices.move,
  );
  if (choice === Choices.move) await openMoveQuickFix(uri, finding);
}

/** The move quick fix is offered where it lives: the quick fix menu on the finding. */
async function openMoveQuickFix(uri: vscode.Uri, finding: Finding): Promise<void> {
  const editor = await vscode.window.showTextDocument(uri);
  const start = new vscode.Position(finding.range.start.line, finding.range.start.character);
  editor.selection = new vscode.Selection(start, start);
  await vscode.commands.executeCommand('editor.action.quickFix');
}
