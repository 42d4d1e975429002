// The tree's context and inline menus (package.json `view/item/context`) evaluated against the context values the
// presentation gives real nodes: a secret scheduled for deletion, and its versions, offer only what the store
// allows on it (#16 bug 9), while the same nodes of a live secret offer their actions.
import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MemoryStore } from '../../../src/core/store/index';
import { Commands, PostureCommands, Views } from '../../../src/vscode/constants';
import { ConnectionManager } from '../../../src/vscode/connections/connection-manager';
import { ExplorerModel } from '../../../src/vscode/tree/explorer-model';
import type { ExplorerNode } from '../../../src/vscode/tree/nodes';
import { present, type PresentationContext } from '../../../src/vscode/tree/presentation';

interface MenuEntry {
  command: string;
  when: string;
  group?: string;
}

const manifest = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8'));
const itemMenus: MenuEntry[] = manifest.contributes.menus['view/item/context'];

/** Evaluates the subset of when-clause syntax these menus use: `&&` of `view == x` and `viewItem =~ /re/`. */
function shows(entry: MenuEntry, viewItem: string): boolean {
  return entry.when.split(/\s*&&\s*/).every((term) => {
    const equals = /^view == (\S+)$/.exec(term);
    if (equals) return equals[1] === Views.explorer;
    const matches = /^viewItem =~ \/(.*)\/$/.exec(term);
    if (matches) return new RegExp(matches[1]).test(viewItem);
    throw new Error(`when-clause term not understood by this test: ${term}`);
  });
}

const commandsShown = (node: ExplorerNode, model: PresentationContext) => {
  const { contextValue } = present(node, model);
  return [...new Set(itemMenus.filter((entry) => shows(entry, contextValue)).map((entry) => entry.command))];
};

async function secretWithTwoVersions(deleted: boolean) {
  const local = new MemoryStore();
  const connections = new ConnectionManager({
    readSettings: () => [],
    writeSettings: async () => undefined,
    openLocalVault: async () => local,
    openAws: async () => new MemoryStore(),
  });
  const model = new ExplorerModel(
    { connections, localVaultExists: async () => true, logError: () => undefined },
    { pageSize: 10, groupByFolder: false, showDeprecated: false },
  );
  await local.createSecret({ name: 'svc', secretString: randomBytes(16).toString('hex') });
  await local.putSecretValue({ secretId: 'svc', secretString: randomBytes(16).toString('hex') });
  if (deleted) await local.deleteSecret({ secretId: 'svc', recoveryWindowInDays: 7 });
  const [vault] = await model.getChildren();
  const [secret] = await model.getChildren(vault);
  const versions = await model.getChildren(secret);
  assert.equal(versions.length, 2, 'AWSCURRENT and AWSPREVIOUS');
  return { secret, versions, model };
}

describe('Secrets view menus', () => {
  it('a secret scheduled for deletion offers only Restore and copying its name or ARN', async () => {
    const { secret, model } = await secretWithTwoVersions(true);
    assert.deepEqual(
      commandsShown(secret, model).sort(),
      [Commands.copyArn, Commands.copyName, Commands.restoreSecret].sort(),
    );
  });

  it('versions of a secret scheduled for deletion offer no action (each would be refused)', async () => {
    const { versions, model } = await secretWithTwoVersions(true);
    for (const version of versions) assert.deepEqual(commandsShown(version, model), [], version.id);
  });

  it('a live secret of a connection that keeps access history offers Who Read This Secret', async () => {
    const { secret, model } = await secretWithTwoVersions(false);
    assert.match(present(secret, model).contextValue, /\+accessHistory\b/);
    assert.ok(commandsShown(secret, model).includes(PostureCommands.whoReadThisSecret));
  });

  it('the same versions of a live secret offer open, copy and compare', async () => {
    const { versions, model } = await secretWithTwoVersions(false);
    for (const version of versions) {
      const shown = commandsShown(version, model);
      for (const command of [Commands.openSecretValue, Commands.copyValue, Commands.compare])
        assert.ok(shown.includes(command), `${command} on ${JSON.stringify(shown)}`);
    }
  });
});

describe('Secrets view menus: replicas (#23)', () => {
  it('offers Replicate to Regions and Remove Replica Regions on a store with replicas only, and not once deleted', async () => {
    const aws = new MemoryStore();
    const local = new MemoryStore();
    const connections = new ConnectionManager({
      readSettings: () => [{ profile: 'dev', region: 'eu-west-1' }],
      writeSettings: async () => undefined,
      openLocalVault: async () => local,
      openAws: async () => aws,
    });
    const model = new ExplorerModel(
      { connections, localVaultExists: async () => true, logError: () => undefined },
      { pageSize: 10, groupByFolder: false, showDeprecated: false },
    );
    for (const store of [aws, local])
      await store.createSecret({ name: 'svc', secretString: randomBytes(16).toString('hex') });
    const replicaCommands = [Commands.replicateToRegions, Commands.removeReplicaRegions];
    const offered = async (connectionId: string) => {
      const shown = commandsShown((await model.secretNode(connectionId, 'svc'))!, model);
      return replicaCommands.filter((c) => shown.includes(c));
    };
    const awsId = connections.list().find((c) => c.capabilities.replicas)!.id;
    assert.deepEqual(await offered(awsId), replicaCommands);
    assert.deepEqual(await offered('local'), []);
    await aws.deleteSecret({ secretId: 'svc', recoveryWindowInDays: 7 });
    model.refresh(awsId);
    assert.deepEqual(await offered(awsId), []);
  });
});
