// #23 in a real VS Code: a secret of an AWS connection (the project's server on 127.0.0.1, real SDK and SigV4)
// offers Replicate to Regions… and Remove Replica Regions… (the local vault's secrets do not); the commands
// change the service's replicas, and the tooltip shows them on hover with the key kind.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { Commands, PostureCommands } from '../../../src/vscode/constants';
import type { TestingApi } from '../../../src/vscode/test-api';
import type { ExplorerNode } from '../../../src/vscode/tree/nodes';
import {
  children,
  config,
  extensionApi,
  label,
  scriptedInput,
  startLocalAws,
  syntheticValue,
  waitFor,
  type LocalAws,
} from './explorer-helpers';

const run = <T>(command: string, ...args: unknown[]) => vscode.commands.executeCommand<T>(command, ...args);

describe('Replicas (real VS Code)', function () {
  this.timeout(60_000);
  let testing: TestingApi;
  let aws: LocalAws;
  let awsId: string;
  const name = `replicas-db-${Date.now()}`; // no '/': a top-level node whether grouped or not

  let previousConnections: unknown;

  before(async () => {
    ({ testing } = await extensionApi());
    // Alone with the local vault: an earlier suite's AWS connection would add a connection pick to the palette flow.
    previousConnections = config().inspect('connections')?.globalValue;
    await config().update('connections', [], vscode.ConfigurationTarget.Global);
    aws = await startLocalAws();
    await aws.store.createSecret({ name, secretString: syntheticValue() });
    scriptedInput(testing).pickAnswer(aws.profile).pickAnswer(aws.region).textAnswer(aws.server.endpoint);
    awsId = await run<string>(Commands.addAwsConnection);
  });

  after(async () => {
    const connection = (await children(testing)).find((n) => n.id === awsId);
    scriptedInput(testing).confirmAnswer(true);
    if (connection) await run(Commands.removeConnection, connection);
    testing.setUserInput(undefined);
    await config().update('connections', previousConnections, vscode.ConfigurationTarget.Global);
    await aws.close();
  });

  const secretNode = async (): Promise<ExplorerNode> => {
    const connection = (await children(testing)).find((n) => n.id === awsId)!;
    return waitFor('the secret in the AWS connection', async () =>
      (await children(testing, connection)).find((n) => label(testing, n) === name),
    );
  };
  const tooltipOf = async (node: ExplorerNode) => {
    const item = await testing.tree.resolveTreeItem(testing.tree.getTreeItem(node), node);
    return (item.tooltip as vscode.MarkdownString).value;
  };

  it('offers the replica commands on an AWS secret only, and replicates to the chosen regions', async () => {
    const node = await secretNode();
    assert.match(testing.tree.getTreeItem(node).contextValue ?? '', /\+replicas\b/);
    const [vault] = await children(testing);
    const local = (await children(testing, vault)).find((n) => n.kind === 'secret');
    if (local) assert.doesNotMatch(testing.tree.getTreeItem(local).contextValue ?? '', /\+replicas\b/);
    assert.match(await tooltipOf(node), /- Replicas: none/);

    const ui = scriptedInput(testing)
      .queue({ kind: 'pickMany', choose: ['eu-west-2', 'us-east-1'] })
      .textAnswer('');
    const regions = await run<string[]>(Commands.replicateToRegions, node);
    assert.deepEqual(regions, ['eu-west-2', 'us-east-1']);
    assert.ok(!ui.prompts[0].shown.includes(aws.region), 'the primary region is not offered');
    assert.deepEqual(
      (await aws.store.describeSecret(name)).replicationStatus?.map((r) => `${r.region} ${r.status}`),
      ['eu-west-2 InSync', 'us-east-1 InSync'],
    );
    const tooltip = await tooltipOf(await secretNode());
    assert.match(tooltip, /- KMS key: AWS\\-managed/);
    assert.match(tooltip, /- Replicas: eu\\-west\\-2 InSync; us\\-east\\-1 InSync/);
    assert.deepEqual(
      ui.notifications.filter((n) => n.severity === 'error'),
      [],
    );
  });

  it('removes a replica from the palette: the connection with replicas and the secret are picked', async () => {
    const ui = scriptedInput(testing)
      .pickAnswer(name)
      .queue({ kind: 'pickMany', choose: ['us-east-1'] })
      .confirmAnswer(true);
    const regions = await run<string[]>(Commands.removeReplicaRegions);
    assert.deepEqual(regions, ['eu-west-2']);
    assert.equal(ui.pending, 0);
    assert.deepEqual(
      (await aws.store.describeSecret(name)).replicationStatus?.map((r) => r.region),
      ['eu-west-2'],
    );
  });

  it('the Rotation Health report of the connection lists the key kind and the replicas with their status', async () => {
    const connection = (await children(testing)).find((n) => n.id === awsId);
    const uri = await run<vscode.Uri>(PostureCommands.rotationHealthReport, connection);
    const text = (await vscode.workspace.openTextDocument(uri)).getText();
    assert.match(text, /## Encryption and replicas/);
    assert.ok(text.includes(`| ${name} | AWS-managed (aws/secretsmanager) | eu-west-2 InSync |`), text);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});
