// #23 "Who Read This Secret" in a real VS Code. Local: an app reads a secret twice through the local server
// serving the vault (real SDK, HTTP, SigV4); the command opens a page listing both reads, newest first, with
// principal, source IP, event and time, and Last accessed. AWS: an identity without cloudtrail:LookupEvents
// gets one notification naming that permission.
import { strict as assert } from 'node:assert';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import * as vscode from 'vscode';
import { accessLogPathFor } from '../../../src/core/access/log';
import { startSecretsServer } from '../../../src/core/server/index';
import { Commands, PostureCommands } from '../../../src/vscode/constants';
import type { SecretStore } from '../../../src/core/store/types';
import type { TestingApi } from '../../../src/vscode/test-api';
import { config, extensionApi, scriptedInput, startLocalAws, syntheticValue, usedValues } from './explorer-helpers';

describe('Who Read This Secret (real VS Code)', function () {
  this.timeout(60_000);
  let testing: TestingApi;

  before(async () => {
    ({ testing } = await extensionApi());
  });

  after(async () => {
    testing.setUserInput(undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('lists the two reads an app made through the local server, newest first, with Last accessed', async () => {
    const vault = (await testing.connections.getStore('local')) as SecretStore & { path: string };
    const name = `access/app-${Date.now()}`;
    const value = syntheticValue();
    await vault.createSecret({ name, secretString: value });
    const server = await startSecretsServer({ store: vault, accessLog: { path: accessLogPathFor(vault.path) } });
    const app = new SecretsManagerClient({
      endpoint: server.endpoint,
      region: server.region,
      credentials: { accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey },
    });
    try {
      for (let i = 0; i < 2; i++) await app.send(new GetSecretValueCommand({ SecretId: name }));
      await server.flushAccessLog();
      const secret = await vault.describeSecret(name);
      const uri = await vscode.commands.executeCommand<vscode.Uri>(PostureCommands.whoReadThisSecret, {
        kind: 'secret',
        connectionId: 'local',
        secret,
      });
      const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri?.toString());
      assert.ok(document, 'the access history is open');
      const text = document.getText();
      assert.match(text, new RegExp(`^# Who read ${name.replace('/', '\\/')}$`, 'm'));
      assert.match(text, /2 call\(s\), 2 value read\(s\), newest first/);
      const rows = text.split('\n').filter((line) => line.includes('| GetSecretValue |'));
      assert.equal(rows.length, 2, text);
      for (const row of rows) {
        assert.match(
          row,
          /^\| \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC \| arn:aws:iam::000000000000:user\/secrets-workbench \| 127\.0\.0\.1 \|/,
        );
      }
      assert.ok(rows[0] >= rows[1], 'newest first');
      assert.match(
        text,
        new RegExp(`Last accessed \\(DescribeSecret, to the day\\): ${new Date().toISOString().slice(0, 10)}`),
      );
      for (const used of usedValues) assert.equal(text.includes(used), false);
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    } finally {
      app.destroy();
      await server.close();
      await vault.deleteSecret({ secretId: name, forceDeleteWithoutRecovery: true });
    }
  });

  it('against AWS, a missing cloudtrail:LookupEvents permission is one notification naming it', async () => {
    // a key allowed Secrets Manager but not CloudTrail: the server answers LookupEvents with AccessDeniedException
    const savedEnv = { config: process.env.AWS_CONFIG_FILE, credentials: process.env.AWS_SHARED_CREDENTIALS_FILE };
    const previous = config().inspect('connections')?.globalValue;
    const aws = await startLocalAws({ permissions: ['secretsmanager:*'] });
    const name = `access/aws-${Date.now()}`;
    try {
      await aws.store.createSecret({ name, secretString: syntheticValue() });
      const ui = scriptedInput(testing);
      ui.pickAnswer(aws.profile).pickAnswer(aws.region).textAnswer(aws.server.endpoint);
      const connectionId = await vscode.commands.executeCommand<string>(Commands.addAwsConnection);
      assert.ok(connectionId, 'the AWS connection was added');
      const secret = await aws.store.describeSecret(name);
      const shown = await vscode.commands.executeCommand(PostureCommands.whoReadThisSecret, {
        kind: 'secret',
        connectionId,
        secret,
      });
      assert.equal(shown, undefined, 'no page opened');
      assert.equal(ui.notifications.length, 1, JSON.stringify(ui.notifications));
      const [notification] = ui.notifications;
      assert.equal(notification.severity, 'error');
      assert.match(notification.message, /needs the IAM permission cloudtrail:LookupEvents/);
      assert.match(notification.message, /user\/secrets-workbench lacks/);
      assert.doesNotMatch(notification.message, /ask for access or use another profile/, 'no second, generic remedy');
      assert.equal(notification.message.split('\n').length, 1);
    } finally {
      await config().update('connections', previous, vscode.ConfigurationTarget.Global);
      await aws.close();
      process.env.AWS_CONFIG_FILE = savedEnv.config;
      process.env.AWS_SHARED_CREDENTIALS_FILE = savedEnv.credentials;
      if (savedEnv.config === undefined) delete process.env.AWS_CONFIG_FILE;
      if (savedEnv.credentials === undefined) delete process.env.AWS_SHARED_CREDENTIALS_FILE;
    }
  });
});
