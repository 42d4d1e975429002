// #25 in a real VS Code: the code action "Check whether this credential is live…" on an AWS key pair, answered by
// the project's own server (STS GetCallerIdentity, real SDK and SigV4 on 127.0.0.1), then "Deactivate This Access
// Key…" through IAM UpdateAccessKey with the user's own AWS connection, then the move quick fix offered.
import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { startSecretsServer, type RunningSecretsServer } from '../../../src/core/server/index';
import { MemoryStore } from '../../../src/core/store/index';
import { verifyCredential } from '../../../src/core/verify/index';
import { DiagnosticSource, QuickFixCommands } from '../../../src/vscode/constants';
import { Choices, type VerifyOutcome } from '../../../src/vscode/quickfix/verify-credential';
import type { ScriptedUserInput } from '../../../src/core/usecases/scripted-user-input';
import type { TestingApi } from '../../../src/vscode/test-api';
import { Synthetic } from '../../support/synthetic';
import { workspaceDir } from '../support';
import { config, extensionApi, scriptedInput, waitFor } from './explorer-helpers';

const checkTitle = 'Check whether this credential is live…';

describe('Check whether this credential is live… and Deactivate this access key… (real VS Code)', function () {
  this.timeout(60_000);
  const gen = new Synthetic(Date.now() % 100_000);
  const leaked = { accessKeyId: gen.awsKeyId(), secretAccessKey: gen.awsSecret(), userName: 'deploy-bot' };
  let server: RunningSecretsServer;
  let testing: TestingApi;
  let ui: ScriptedUserInput;
  let connectionId: string;
  let previousEnv: Record<string, string | undefined>;

  before(async () => {
    ({ testing } = await extensionApi());
    server = await startSecretsServer({ store: new MemoryStore(), accountId: '123456789012', identities: [leaked] });
    // the user's own credentials: an AWS profile with the server's key (which may deactivate any key it knows)
    const dir = mkdtempSync(join(tmpdir(), 'sw-verify-aws-'));
    writeFileSync(join(dir, 'config'), '[profile verify-owner]\nregion = us-east-1\n');
    writeFileSync(
      join(dir, 'credentials'),
      `[verify-owner]\naws_access_key_id = ${server.accessKeyId}\naws_secret_access_key = ${server.secretAccessKey}\n`,
    );
    previousEnv = {
      AWS_CONFIG_FILE: process.env.AWS_CONFIG_FILE,
      AWS_SHARED_CREDENTIALS_FILE: process.env.AWS_SHARED_CREDENTIALS_FILE,
    };
    process.env.AWS_CONFIG_FILE = join(dir, 'config');
    process.env.AWS_SHARED_CREDENTIALS_FILE = join(dir, 'credentials');
    connectionId = (await testing.connections.addAws({ profile: 'verify-owner', region: 'us-east-1' })).id;
    await config().update(
      'verification.endpoints',
      { aws: server.endpoint, 'aws-iam': server.endpoint },
      vscode.ConfigurationTarget.Global,
    );
  });

  after(async () => {
    testing.setUserInput(undefined);
    await config().update('verification.endpoints', undefined, vscode.ConfigurationTarget.Global);
    await testing.connections.remove(connectionId);
    for (const [name, value] of Object.entries(previousEnv)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    await server.close();
  });

  beforeEach(() => (ui = scriptedInput(testing)));

  async function openPair(name: string): Promise<{ uri: vscode.Uri; diagnostic: vscode.Diagnostic }> {
    const path = join(workspaceDir(), 'verify', name);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, `AWS_ACCESS_KEY_ID=${leaked.accessKeyId}\nAWS_SECRET_ACCESS_KEY=${leaked.secretAccessKey}\n`);
    const uri = vscode.Uri.file(path);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const diagnostic = await waitFor('the key id diagnostic', () =>
      vscode.languages
        .getDiagnostics(uri)
        .find((d) => d.source === DiagnosticSource && d.range.start.line === 0 && /AWS access key/i.test(d.message)),
    );
    return { uri, diagnostic };
  }

  async function checkAction(uri: vscode.Uri, diagnostic: vscode.Diagnostic): Promise<vscode.CodeAction | undefined> {
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      diagnostic.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    return actions.find((a) => a.title === checkTitle);
  }

  async function run(action: vscode.CodeAction): Promise<VerifyOutcome> {
    assert.equal(action.command?.command, QuickFixCommands.checkLive);
    return vscode.commands.executeCommand<VerifyOutcome>(action.command!.command, ...(action.command!.arguments ?? []));
  }

  it('asks naming the host and request, answers Live with the ARN, deactivates after naming key and user', async () => {
    const { uri } = await openPair('deploy.env');
    // The first diagnostic can come from a background scan before the open document's own lint, whose data the
    // action reads: ask again (with the current diagnostic) until the lint has run.
    const action = await waitFor(
      `the "${checkTitle}" code action on the access key id`,
      async () => {
        const current = vscode.languages
          .getDiagnostics(uri)
          .find((d) => d.source === DiagnosticSource && d.range.start.line === 0 && /AWS access key/i.test(d.message));
        return current && checkAction(uri, current);
      },
      10_000,
    );
    const host = new URL(server.endpoint).host;

    ui.confirmAnswer(true); // the question
    ui.notificationActions.push(Choices.deactivate); // on the Live answer
    const awsConnections = testing.connections.list().filter((c) => c.kind === 'aws');
    if (awsConnections.length > 1) ui.pickAnswer(/verify-owner/); // whose credentials, when there is a choice
    ui.confirmAnswer(true); // "Deactivate access key … of IAM user …?"
    ui.notificationActions.push(undefined); // the move quick fix offer, declined here
    const outcome = await run(action);

    assert.deepEqual(outcome.result, {
      status: 'live',
      identity: 'arn:aws:iam::123456789012:user/deploy-bot',
      host,
    });
    assert.equal(outcome.revoke, 'deactivated');
    const question = ui.prompts[0];
    const deactivation = ui.prompts.at(-1)!;
    assert.equal(
      question.title,
      `Check whether this AWS access key ID is live? Secrets Workbench will send it to ${host} (its own provider) and nowhere else.`,
    );
    assert.match(ui.notifications[0].message, new RegExp(`Request: POST http://${host}/ \\(Action=GetCallerIdentity`));
    const live = ui.notifications.find((n) => n.message.startsWith('Live:'));
    assert.ok(live, 'the Live answer was shown');
    assert.match(live.message, /it belongs to arn:aws:iam::123456789012:user\/deploy-bot/);
    assert.deepEqual(live.actions, [Choices.deactivate, Choices.move]);
    assert.equal(deactivation.title, `Deactivate access key ${leaked.accessKeyId} of IAM user deploy-bot?`);
    const moveOffer = ui.notifications.at(-1)!;
    assert.match(
      moveOffer.message,
      new RegExp(`Access key ${leaked.accessKeyId} is now inactive\\. Store its new value`),
    );
    assert.deepEqual(moveOffer.actions, [Choices.move]);
    assert.equal(ui.pending, 0);

    // the server's IAM really made it inactive: STS now rejects the pair
    const after = await verifyCredential('aws-access-key-id', leaked.accessKeyId, {
      endpoints: { aws: server.endpoint },
      relatedValue: leaked.secretAccessKey,
    });
    assert.deepEqual([after?.status, after?.reason], ['revoked', 'STS: InvalidClientTokenId (HTTP 403)']);

    // after a revoke the session cache forgets the answer: asking again gets the new one
    ui.confirmAnswer(true);
    const again = await run(action);
    assert.equal(again.result?.status, 'revoked');
    assert.match(ui.notifications.at(-1)!.message, /^Revoked or invalid: .* \(STS: InvalidClientTokenId/);

    const shown = ui.shownText() + testing.logLines().join('\n');
    assert.ok(!shown.includes(leaked.secretAccessKey), 'the secret access key was shown or logged');
  });

  it('offers no check on a key id without its secret beside it', async () => {
    const path = join(workspaceDir(), 'verify', 'lone.env');
    writeFileSync(path, `AWS_ACCESS_KEY_ID=${gen.awsKeyId()}\n`);
    const uri = vscode.Uri.file(path);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const diagnostic = await waitFor('the lone key id diagnostic', () =>
      vscode.languages.getDiagnostics(uri).find((d) => d.source === DiagnosticSource),
    );
    assert.equal(await checkAction(uri, diagnostic), undefined);
  });
});
