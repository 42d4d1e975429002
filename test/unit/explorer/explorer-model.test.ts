import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import { MemoryStore } from '../../../src/core/store/index';
import type { SecretStore } from '../../../src/core/store/types';
import { ConnectionManager } from '../../../src/vscode/connections/connection-manager';
import { ExplorerModel } from '../../../src/vscode/tree/explorer-model';
import type { ExplorerNode } from '../../../src/vscode/tree/nodes';
import { present } from '../../../src/vscode/tree/presentation';
import { pricesWith } from '../../../src/core/posture/prices';

const value = () => randomBytes(16).toString('hex');

function setup(options: { vaultExists?: boolean; aws?: SecretStore; failAws?: boolean } = {}) {
  const local = new MemoryStore();
  let settings: unknown = options.aws || options.failAws ? [{ profile: 'dev', region: 'eu-west-1' }] : [];
  let awsOpens = 0;
  const connections = new ConnectionManager({
    readSettings: () => settings,
    writeSettings: async (v) => void (settings = v),
    openLocalVault: async () => local,
    openAws: async () => {
      awsOpens++;
      if (options.failAws && awsOpens === 1) throw new Error('The security token included in the request is invalid.');
      return options.aws ?? new MemoryStore();
    },
  });
  const errors: string[] = [];
  const model = new ExplorerModel(
    {
      connections,
      localVaultExists: async () => options.vaultExists ?? true,
      logError: (op) => errors.push(op),
    },
    { pageSize: 2, groupByFolder: true, showDeprecated: false },
  );
  const labels = (nodes: ExplorerNode[]) => nodes.map((n) => present(n, model).label);
  return { local, connections, model, errors, labels, awsOpens: () => awsOpens };
}

describe('ExplorerModel (the tree data layer)', () => {
  it('shows nothing (the welcome view) when the vault does not exist and there is no AWS connection', async () => {
    const { model } = setup({ vaultExists: false });
    assert.deepEqual(await model.getChildren(), []);
  });

  it('getParent walks every node back to its connection, matching the nodes getChildren gives (for reveal)', async () => {
    const { local, model } = setup();
    model.setOptions({ pageSize: 100 });
    for (const name of ['shop/dev/db', 'shop/dev/api/key', 'root', 'a//b', 'trailing/'])
      await local.createSecret({ name, secretString: value() });
    const seen: ExplorerNode[] = [];
    const walk = async (node?: ExplorerNode): Promise<void> => {
      for (const child of await model.getChildren(node)) {
        seen.push(child);
        assert.deepEqual(model.getParent(child), node, `parent of ${child.id.replace(/\n/g, ' ')}`);
        await walk(child);
      }
    };
    await walk();
    assert.ok(seen.filter((n) => n.kind === 'version').length >= 5, 'versions walked too');
    const db = await model.secretNode('local', 'shop/dev/db');
    assert.deepEqual(
      db,
      seen.find((n) => n.id === db!.id),
      'secretNode is the node the tree shows',
    );
    model.setOptions({ groupByFolder: false });
    assert.equal(model.getParent((await model.secretNode('local', 'shop/dev/db'))!)?.kind, 'connection');
    assert.equal(await model.secretNode('local', 'missing'), undefined);
  });

  it('lists connections → folders and secrets by "/" → versions, with load more', async () => {
    const { local, model, labels } = setup();
    for (const name of ['prod/db', 'prod/api/key', 'dev/db', 'root'])
      await local.createSecret({ name, secretString: value() });
    const [vault] = await model.getChildren();
    assert.equal(vault.kind, 'connection');
    let children = await model.getChildren(vault);
    // page size 2: the first page holds two of the four secrets
    assert.equal((await model.loadedSecrets('local')).length, 2);
    assert.equal(labels(children).at(-1), 'Load more…');
    // a folder seen on the first page may have more secrets on the next ones: it offers them too
    const firstFolder = children.find((n) => n.kind === 'folder')!;
    assert.equal(labels(await model.getChildren(firstFolder)).at(-1), 'Load more…');
    await model.loadMore('local');
    await model.loadMore('local');
    children = await model.getChildren(vault);
    assert.deepEqual(labels(children), ['dev', 'prod', 'root']);
    const prod = children[1];
    assert.deepEqual(labels(await model.getChildren(prod)), ['api', 'db'], 'no Load more once all are loaded');
    const db = (await model.getChildren(prod))[1];
    assert.equal(db.kind, 'secret');
    await local.putSecretValue({ secretId: 'prod/db', secretString: value() });
    model.refresh('local', 'prod/db');
    assert.deepEqual(labels(await model.getChildren(db)), ['AWSCURRENT', 'AWSPREVIOUS']);
  });

  it('shows a flat list when grouping is off, and deprecated versions only when asked', async () => {
    const { local, model, labels } = setup();
    await local.createSecret({ name: 'a/b', secretString: value() });
    for (let i = 0; i < 3; i++) await local.putSecretValue({ secretId: 'a/b', secretString: value() });
    model.setOptions({ groupByFolder: false });
    const [vault] = await model.getChildren();
    const [secret] = await model.getChildren(vault);
    assert.equal(secret.kind === 'secret' && secret.secret.name, 'a/b');
    assert.deepEqual(labels(await model.getChildren(secret)), ['AWSCURRENT', 'AWSPREVIOUS']);
    model.setOptions({ showDeprecated: true });
    assert.deepEqual(labels(await model.getChildren(secret)), [
      'AWSCURRENT',
      'AWSPREVIOUS',
      'deprecated',
      'deprecated',
    ]);
  });

  it('shows secrets scheduled for deletion, marked', async () => {
    const { local, model } = setup();
    await local.createSecret({ name: 'gone', secretString: value() });
    await local.deleteSecret({ secretId: 'gone', recoveryWindowInDays: 7 });
    const [vault] = await model.getChildren();
    const [node] = await model.getChildren(vault);
    const look = present(node, model);
    assert.match(
      look.contextValue,
      /^secretsWorkbench:secret\+localOnly\+resourcePolicy\+recoveryWindow\+accessHistory\+deleted$/,
    );
    assert.match(look.description ?? '', /^deletion on \d{4}-\d{2}-\d{2}$/);
    assert.equal(look.icon.id, 'trash');
    // Its versions carry the flag too, so the menus that check +deleted hide what would be refused.
    const [version] = await model.getChildren(node);
    assert.match(present(version, model).contextValue, /^secretsWorkbench:version\+.*\+deleted\b/);
  });

  it('shows the cost of each connection and folder from the listing, once loaded, when the lens is on', async () => {
    const { local, model } = setup();
    model.setOptions({ pageSize: 100 });
    for (const name of ['team/db', 'team/api', 'team/old', 'ops/key'])
      await local.createSecret({ name, secretString: value() });
    await local.getSecretValue({ secretId: 'team/db' });
    await local.deleteSecret({ secretId: 'team/old', recoveryWindowInDays: 7 });
    const [vault] = await model.getChildren();
    assert.equal(present(vault, model).description, 'default', 'no lens unless asked');
    model.setOptions({ cost: { prices: pricesWith({ perSecretMonth: 0.5 }) } });
    assert.equal(present(vault, model).description, 'default', 'nothing loaded yet: no figure');
    const redrawn: unknown[] = [];
    model.onDidChange((node) => redrawn.push(node));
    const [ops, team] = await model.getChildren(vault);
    assert.deepEqual(redrawn, [vault], 'the connection is redrawn once its secrets are known');
    const whole = present(vault, model);
    assert.equal(whole.description, 'default · ≈ $1.50/mo');
    assert.match(whole.tooltip ?? '', /3 secret\(s\) billed, 1 scheduled for deletion \(not billed\)/);
    assert.doesNotMatch(whole.tooltip ?? '', /unused/, 'secrets created today are not cleanup candidates yet');
    assert.deepEqual(
      [ops, team].map((n) => present(n, model).description),
      ['≈ $0.50/mo', '≈ $1.00/mo'],
    );
    assert.match(present(team, model).tooltip ?? '', /^team\/\n\n\*\*Cost\*\*/);
    model.setOptions({ pageSize: 1 });
    await model.getChildren(vault);
    assert.match(present(vault, model).description ?? '', /≥ \$0\.50\/mo$/, 'more pages: a lower bound');
  });

  it('filters on the server side and says when nothing matches', async () => {
    const { local, model, labels } = setup();
    await local.createSecret({ name: 'prod/db', secretString: value(), tags: [{ key: 'team', value: 'pay' }] });
    await local.createSecret({ name: 'dev/db', secretString: value() });
    model.setOptions({ groupByFolder: false });
    const [vault] = await model.getChildren();
    model.setFilter('local', [{ key: 'tag-key', values: ['team'] }]);
    assert.deepEqual(labels(await model.getChildren(vault)), ['prod/db']);
    assert.match(present(vault, model).contextValue, /\+filtered$/);
    model.setFilter('local', [{ key: 'name', values: ['nothing'] }]);
    assert.deepEqual(labels(await model.getChildren(vault)), ['No secrets match the filter']);
  });

  it('turns a failure into an error child with retry, and retry reloads', async () => {
    const { model, errors, connections } = setup({ failAws: true });
    const roots = await model.getChildren();
    const aws = roots[1];
    assert.equal(aws.kind, 'connection');
    const [error] = await model.getChildren(aws);
    assert.equal(error.kind, 'error');
    const look = present(error, model);
    assert.match(look.label, /^Listing secrets failed: The security token/);
    assert.equal(look.command?.command, 'secretsWorkbench.retry');
    assert.equal(errors.length, 1);
    // what the Retry command does:
    connections.forget(aws.id);
    model.refresh(aws.id);
    const after = await model.getChildren(aws);
    assert.deepEqual(
      after.map((n) => n.kind),
      ['message'],
    );
  });

  it('does not open a store before its connection is expanded', async () => {
    const { model, awsOpens } = setup({ aws: new MemoryStore() });
    await model.getChildren();
    assert.equal(awsOpens(), 0);
  });
});

describe('ExplorerModel: replicas on hover (#23)', () => {
  it('describes a secret for its replicas only where the store has them; the listing does not carry them', async () => {
    const aws = new MemoryStore();
    const { local, connections, model, errors } = setup({ aws });
    await aws.createSecret({ name: 'app/db', secretString: value() });
    await aws.replicateSecretToRegions({ secretId: 'app/db', addReplicaRegions: [{ region: 'eu-west-3' }] });
    await local.createSecret({ name: 'app/db', secretString: value() });
    const awsId = connections.list().find((c) => !c.capabilities.localOnly)!.id;
    const node = (await model.secretNode(awsId, 'app/db'))!;
    assert.equal(node.secret.replicationStatus, undefined);
    const described = await model.describeReplicated(node);
    assert.deepEqual(
      described?.replicationStatus?.map((r) => [r.region, r.status]),
      [['eu-west-3', 'InSync']],
    );
    // the local vault has no regions: nothing is described for it
    assert.equal(await model.describeReplicated((await model.secretNode('local', 'app/db'))!), undefined);
    await aws.removeRegionsFromReplication({ secretId: 'app/db', removeReplicaRegions: ['eu-west-3'] });
    assert.deepEqual((await model.describeReplicated(node))?.replicationStatus, []);
    await aws.deleteSecret({ secretId: 'app/db', forceDeleteWithoutRecovery: true });
    assert.equal(await model.describeReplicated(node), undefined);
    assert.deepEqual(errors, ['Describing app/db']);
  });
});
