// Replicate to Regions / Remove Replica Regions (#23) as use cases: scripted answers, the AWS store talking to the
// project's server (real SDK, HTTP, SigV4), and the replicas read back with DescribeSecret.
import { strict as assert } from 'node:assert';
import type { AwsSecretStore } from '../../../src/core/aws/index';
import { withoutProgress, type Ports } from '../../../src/core/usecases/ports';
import { removeReplicaRegions, replicateToRegions } from '../../../src/core/usecases/replicas';
import { ScriptedUserInput } from '../../../src/core/usecases/scripted-user-input';
import { startLocalAws, type LocalAws } from '../aws/helpers';
import { syntheticValue } from '../store/contract';

describe('replicas (use cases)', function () {
  this.timeout(30_000);
  let local: LocalAws;
  let store: AwsSecretStore;
  let ui: ScriptedUserInput;
  let ports: Ports;
  const logged: string[] = [];
  const at = () => ({ store: async () => store, label: 'aws' });
  const replicas = async (name: string) =>
    (await store.describeSecret(name)).replicationStatus?.map((r) => `${r.region} ${r.status} ${r.kmsKeyId}`);

  beforeEach(async () => {
    local = await startLocalAws();
    store = await local.connect();
    ui = new ScriptedUserInput();
    ports = { ui, progress: withoutProgress, log: { info: (m) => logged.push(m), error: () => undefined } };
  });
  afterEach(() => local.close());

  it('offers only regions the secret is not in, replicates with the chosen key, and never shows the value', async () => {
    const value = syntheticValue();
    await store.createSecret({ name: 'app/db', secretString: value });
    const primary = (await store.describeSecret('app/db')).primaryRegion!;
    ui.queue({ kind: 'pickMany', choose: ['eu-west-1', 'ap-southeast-2'] }).textAnswer('');
    const out = await replicateToRegions(ports, at(), 'app/db');
    assert.deepEqual(
      out.replicationStatus.map((r) => `${r.region} ${r.status}`),
      ['eu-west-1 InProgress', 'ap-southeast-2 InProgress'],
    );
    assert.ok(!ui.prompts[0].shown.includes(primary), 'the primary region is not offered');
    assert.deepEqual(await replicas('app/db'), [
      'eu-west-1 InSync alias/aws/secretsmanager',
      'ap-southeast-2 InSync alias/aws/secretsmanager',
    ]);
    ui.queue({ kind: 'pickMany', choose: ['ca-central-1'] }).textAnswer(' alias/app ');
    await replicateToRegions(ports, at(), 'app/db');
    const offered = ui.prompts[2].shown;
    assert.ok(!offered.includes('eu-west-1') && !offered.includes(primary) && offered.includes('us-west-2'));
    assert.equal((await replicas('app/db'))?.[2], 'ca-central-1 InSync alias/app');
    assert.doesNotMatch(ui.shownText() + logged.join('\n'), new RegExp(value));
  });

  it('choosing no region changes nothing', async () => {
    await store.createSecret({ name: 'app/none', secretString: syntheticValue() });
    ui.queue({ kind: 'pickMany', choose: [] });
    await assert.rejects(replicateToRegions(ports, at(), 'app/none'), { message: 'Cancelled' });
    assert.equal(await replicas('app/none'), undefined);
  });

  it('removes the chosen replicas after a confirmation naming them, and nothing when declined', async () => {
    await store.createSecret({ name: 'app/api', secretString: syntheticValue() });
    await store.replicateSecretToRegions({
      secretId: 'app/api',
      addReplicaRegions: [{ region: 'eu-west-1' }, { region: 'eu-west-2' }],
    });
    ui.queue({ kind: 'pickMany', choose: ['eu-west-1'] }).confirmAnswer(false);
    assert.equal(await removeReplicaRegions(ports, at(), 'app/api'), undefined);
    assert.equal((await replicas('app/api'))?.length, 2);
    assert.deepEqual(ui.prompts[0].shown, ['eu-west-1', 'eu-west-2']);
    assert.match(ui.prompts[1].title, /Remove the replicas of "app\/api" in eu-west-1\?/);
    ui.queue({ kind: 'pickMany', choose: ['eu-west-1'] }).confirmAnswer(true);
    const out = await removeReplicaRegions(ports, at(), 'app/api');
    assert.deepEqual(
      out?.replicationStatus.map((r) => r.region),
      ['eu-west-2'],
    );
    assert.deepEqual(await replicas('app/api'), ['eu-west-2 InSync alias/aws/secretsmanager']);
  });

  it('says so when there is nothing to remove, and names the store refusal when replicating fails', async () => {
    await store.createSecret({ name: 'app/single', secretString: syntheticValue() });
    await assert.rejects(removeReplicaRegions(ports, at(), 'app/single'), /has no replicas to remove/);
    ui.queue({ kind: 'pickMany', choose: ['eu-west-1'] }).textAnswer('');
    await store.deleteSecret({ secretId: 'app/single' });
    await assert.rejects(
      replicateToRegions(ports, at(), 'app/single'),
      /Replicating "app\/single" to eu-west-1 failed: .*marked for deletion/,
    );
  });
});
