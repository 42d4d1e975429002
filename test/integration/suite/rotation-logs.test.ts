// #23 in a real VS Code: rotation health badges on the explorer's secrets, and Show Rotation Logs. An AWS connection
// points at the project's local server, whose store runs on a clock 40 days behind: a rotation whose simulated
// Lambda fails at setSecret has left AWSPENDING for 40 days, so the tree marks it failed from the listing alone,
// and Show Rotation Logs reads the step records through the real CloudWatch Logs client (FilterLogEvents on the
// server). Rotate Secret on a local vault secret (a generated value) shows its own steps the same way.
import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import {
  simulatedRotationFunction,
  simulatedRotationLambdas,
  startSecretsServer,
} from '../../../src/core/server/index';
import type { RunningSecretsServer } from '../../../src/core/server/index';
import { MemoryStore } from '../../../src/core/store/index';
import { Commands, PostureCommands } from '../../../src/vscode/constants';
import type { TestingApi } from '../../../src/vscode/test-api';
import type { ExplorerNode } from '../../../src/vscode/tree/nodes';
import { extensionApi, syntheticValue, usedValues, waitFor } from './explorer-helpers';

const day = 86_400_000;

describe('Rotation health in the tree and Show Rotation Logs (real VS Code)', function () {
  this.timeout(60_000);
  let testing: TestingApi;
  let server: RunningSecretsServer;
  let backend: MemoryStore;
  let connectionId: string;
  const savedEnv: Record<string, string | undefined> = {};

  const secretNode = async (connection: string, name: string) =>
    waitFor(`${name} in the tree`, async () => {
      const root = (await testing.tree.getChildren()).find((n) => n.kind === 'connection' && n.id === connection);
      const secrets = root ? await testing.tree.getChildren(root) : [];
      return secrets.find(
        (n): n is Extract<ExplorerNode, { kind: 'secret' }> => n.kind === 'secret' && n.secret.name === name,
      );
    });
  const openText = (uri: vscode.Uri) =>
    vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString())?.getText() ?? '';

  before(async () => {
    ({ testing } = await extensionApi());
    backend = new MemoryStore({
      region: 'eu-west-1',
      now: () => Date.now() - 40 * day,
      rotationFunction: simulatedRotationFunction,
    });
    server = await startSecretsServer({ store: backend, region: 'eu-west-1' });
    const dir = mkdtempSync(join(tmpdir(), 'sw-rotation-logs-'));
    writeFileSync(join(dir, 'config'), '[profile rotation-it]\nregion = eu-west-1\n');
    writeFileSync(
      join(dir, 'credentials'),
      `[rotation-it]\naws_access_key_id = ${server.accessKeyId}\naws_secret_access_key = ${server.secretAccessKey}\n`,
    );
    for (const name of ['AWS_CONFIG_FILE', 'AWS_SHARED_CREDENTIALS_FILE']) savedEnv[name] = process.env[name];
    process.env.AWS_CONFIG_FILE = join(dir, 'config');
    process.env.AWS_SHARED_CREDENTIALS_FILE = join(dir, 'credentials');
    await backend.createSecret({
      name: 'rotation-it-db',
      secretString: JSON.stringify({ username: 'app', password: syntheticValue() }),
    });
    await backend.rotateSecret({
      secretId: 'rotation-it-db',
      rotationLambdaArn: `arn:aws:lambda:eu-west-1:000000000000:function:${simulatedRotationLambdas.stuck}`,
    });
    await backend.settled();
    for (const version of (await backend.listSecretVersionIds({ secretId: 'rotation-it-db' })).versions) {
      usedValues.add(
        (await backend.getSecretValue({ secretId: 'rotation-it-db', versionId: version.versionId })).secretString!,
      );
    }
    const connection = await testing.connections.addAws({
      profile: 'rotation-it',
      region: 'eu-west-1',
      endpoint: server.endpoint,
    });
    connectionId = connection.id;
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await testing.connections.remove(connectionId).catch(() => undefined);
    for (const [name, value] of Object.entries(savedEnv)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    await backend.settled();
    await server.close();
  });

  it('a failed rotation is badged in the tree: error icon, "rotation failed", the remedy in the tooltip', async () => {
    const node = await secretNode(connectionId, 'rotation-it-db');
    const item = testing.tree.getTreeItem(node);
    assert.match(String(item.description), /rotation failed/);
    assert.ok(item.iconPath instanceof vscode.ThemeIcon && item.iconPath.id === 'error', 'the error icon');
    const tooltip = item.tooltip instanceof vscode.MarkdownString ? item.tooltip.value : String(item.tooltip);
    assert.match(tooltip, /Rotation health: Failed\./);
    assert.match(tooltip, /Read the rotation function's logs for the failing step/);
    assert.match(item.contextValue ?? '', /\+rotationFailed\b/);
  });

  it('Show Rotation Logs reads the Lambda log group through CloudWatch Logs: the setSecret failure and a console link', async () => {
    const node = await secretNode(connectionId, 'rotation-it-db');
    const uri = await vscode.commands.executeCommand<vscode.Uri>(PostureCommands.showRotationLogs, node);
    assert.ok(uri, 'the command opened its page');
    const text = await waitFor('the rotation logs page', () => openText(uri));
    assert.match(text, /^# Rotation logs: rotation-it-db/);
    assert.match(text, /Log group: `\/aws\/lambda\/secrets-workbench-stuck-rotation` \(CloudWatch Logs, eu-west-1\)/);
    assert.match(text, /Failing step: \*\*setSecret\*\*/);
    assert.match(text, /\[ERROR\] setSecret: Failed for ARN arn:aws:secretsmanager:eu-west-1:/);
    assert.doesNotMatch(text, /createSecret: Successfully/);
    assert.match(
      text,
      /https:\/\/eu-west-1\.console\.aws\.amazon\.com\/lambda\/home\?region=eu-west-1#\/functions\/secrets-workbench-stuck-rotation/,
    );
    for (const value of usedValues) assert.ok(!text.includes(value), 'no value on the page');
  });

  it('a local generated-value rotation shows its own steps the same way', async () => {
    const local = await testing.connections.getStore(testing.connections.localVault.id);
    const name = `rotation-it-local-${Date.now()}`;
    await local.createSecret({ name, secretString: syntheticValue() });
    try {
      // the user's Rotate Secret on the node: a generated value for the whole (non-JSON) value, nothing asked
      const node = await secretNode(testing.connections.localVault.id, name);
      const versionId = await vscode.commands.executeCommand<string>(Commands.rotateSecret, node);
      assert.ok(versionId, 'rotated');
      usedValues.add((await local.getSecretValue({ secretId: name })).secretString!);
      const uri = await vscode.commands.executeCommand<vscode.Uri>(PostureCommands.showRotationLogs, node);
      const text = await waitFor('the local rotation logs page', () => openText(uri));
      assert.match(text, /Rotation function: none \(generated-value rotation\)/);
      assert.match(text, /No failed step found in \d+ events; all shown\./);
      assert.match(text, new RegExp(`createSecret: Successfully completed for ARN .* and version ${versionId}`));
      assert.match(text, new RegExp(`finishSecret: Successfully completed for ARN .* and version ${versionId}`));
      for (const value of usedValues) assert.ok(!text.includes(value), 'no value on the page');
    } finally {
      await local.deleteSecret({ secretId: name, forceDeleteWithoutRecovery: true });
    }
  });
});
