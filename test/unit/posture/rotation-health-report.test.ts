// The Rotation Health use case (what the editor's report page shows): every secret of every listing page, its
// state from metadata only, and replicas described only where the store has them.
import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import { MemoryStore } from '../../../src/core/store/memory-store';
import type { SecretStore } from '../../../src/core/store/types';
import { rotationHealthReport } from '../../../src/core/usecases/rotation-health-report';

describe('Rotation Health report (use case)', () => {
  it('lists the secrets of every page, titled by the connection, without reading a value', async () => {
    const store = new MemoryStore();
    const names = Array.from({ length: 105 }, (_, i) => `app/secret-${String(i).padStart(3, '0')}`);
    for (const name of names) await store.createSecret({ name, secretString: randomBytes(12).toString('hex') });
    let valuesRead = 0;
    let describes = 0;
    const counting = new Proxy(store, {
      get(target, key, receiver) {
        if (key === 'getSecretValue') valuesRead++;
        if (key === 'describeSecret') describes++;
        return Reflect.get(target, key, receiver) as unknown;
      },
    }) as SecretStore;
    const report = await rotationHealthReport(counting, 'Local Vault');
    assert.match(report, /Local Vault/);
    for (const name of [names[0], names[99], names[104]]) assert.ok(report.includes(name), `${name} is listed`);
    assert.equal(valuesRead, 0, 'no value read');
    assert.equal(describes, 0, 'no DescribeSecret without replicas');
  });
});
