// Concurrency: two processes each put 300 versions of the same secret at the same time; none is lost.
// All versions are younger than 24 hours, so AWS's pruning rule keeps every one of them: 1 + 600 versions.
import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import { VaultStore, generateRawVaultKey } from '../../../src/core/vault/index';
import { syntheticValue } from '../store/contract';
import { withTempDir } from './helpers';
import { bundleChildWriter, startWriter } from './process-harness';

const perProcess = 300;

describe('vault concurrency between processes', function () {
  this.timeout(600_000);
  let dir: string;
  let cleanup: () => Promise<void>;
  before(async () => ({ dir, cleanup } = await withTempDir()));
  after(() => cleanup());

  it(`records all ${2 * perProcess} versions put by two processes at once`, async () => {
    const rawKey = generateRawVaultKey();
    const vault = join(dir, 'race.swv');
    const store = await VaultStore.create(vault, { kind: 'raw', key: rawKey });
    const first = await store.createSecret({ name: 'race/one', secretString: syntheticValue() });
    const script = await bundleChildWriter(dir);

    const writers = ['A', 'B'].map((label) =>
      startWriter(script, [vault, rawKey.toString('hex'), label, String(perProcess), 'race/one']),
    );
    const exits = await Promise.all(writers.map((w) => w.exit));
    for (const exit of exits) assert.equal(exit.code, 0, exit.stderr);

    const versions = new Map<string, string[]>(); // newest first, as listed
    let nextToken: string | undefined;
    do {
      const page = await store.listSecretVersionIds({ secretId: 'race/one', includeDeprecated: true, nextToken });
      for (const v of page.versions) versions.set(v.versionId, v.versionStages);
      nextToken = page.nextToken;
    } while (nextToken);
    assert.equal(versions.size, 1 + 2 * perProcess, 'every version is recorded');
    assert.ok(versions.has(first.versionId!));

    const acked = writers.flatMap((w) => w.acks);
    assert.equal(acked.length, 2 * perProcess);
    for (const ack of acked) {
      const got = await store.getSecretValue({ secretId: 'race/one', versionId: ack.versionId });
      assert.equal(got.secretString, ack.value);
    }
    const current = [...versions].filter(([, stages]) => stages.includes('AWSCURRENT'));
    assert.equal(current.length, 1, 'one AWSCURRENT');
    const writerOf = new Map(acked.map((a) => [a.versionId, a.value[0]]));
    const order = [...versions.keys()].map((id) => writerOf.get(id) ?? '').join('');
    const switches = order.split('').filter((c, i) => i > 0 && c !== order[i - 1]).length;
    console.log(
      `      ${versions.size} versions recorded (1 + ${acked.length} puts), none lost; writers alternated ${switches} times`,
    );
    assert.ok(switches > 2, 'the two writers really ran at the same time');
    store.close();
  });
});
