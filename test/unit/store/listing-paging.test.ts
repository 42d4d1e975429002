// ListSecrets paging: the listing is filtered and sorted once and each page costs O(page); NextToken is a
// cursor, so secrets created or deleted between pages cause neither repeats nor skips.
import { strict as assert } from 'node:assert';
import { ListingCache, MemoryStore, SecretsEngine, type SecretRecord } from '../../../src/core/store/index';

function counted(): { secrets: Record<string, SecretRecord>; scans: () => number } {
  let scans = 0;
  const secrets = new Proxy(Object.create(null) as Record<string, SecretRecord>, {
    ownKeys(target) {
      scans++;
      return Reflect.ownKeys(target);
    },
  });
  return { secrets, scans: () => scans };
}

describe('ListSecrets paging', () => {
  it('scans and filters the secrets once for a whole listing, not once per page', () => {
    let clock = 1_700_000_000_000;
    const { secrets, scans } = counted();
    const engine = new SecretsEngine({ secrets }, { now: () => clock++, listings: new ListingCache() });
    for (let i = 0; i < 1000; i++) engine.createSecret({ name: `app${i % 2 ? 'a' : 'b'}/s${i}`, secretString: 'x' });
    const before = scans();
    const names: string[] = [];
    let nextToken: string | undefined;
    let pages = 0;
    do {
      const page = engine.listSecrets({ filters: [{ key: 'name', values: ['appa/'] }], maxResults: 10, nextToken });
      names.push(...page.secrets.map((s) => s.name));
      nextToken = page.nextToken;
      pages++;
    } while (nextToken);
    assert.equal(pages, 50);
    assert.equal(names.length, 500);
    assert.equal(new Set(names).size, 500);
    assert.equal(scans() - before, 1, 'one pass over the secrets for 50 pages');
  });

  it('continues after the last secret returned when secrets are deleted or created between pages', async () => {
    let clock = 1_700_000_000_000;
    const store = new MemoryStore({ now: () => (clock += 1000) });
    for (let i = 0; i < 30; i++)
      await store.createSecret({ name: `page/s${String(i).padStart(2, '0')}`, secretString: 'x' });
    for (const sortOrder of ['asc', 'desc'] as const) {
      const first = await store.listSecrets({ maxResults: 10, sortOrder });
      // Delete a secret already returned, and create one: neither shifts what comes next.
      await store.deleteSecret({ secretId: first.secrets[0].name, forceDeleteWithoutRecovery: true });
      await store.createSecret({ name: `page/new-${sortOrder}`, secretString: 'x' });
      const seen = first.secrets.map((s) => s.name);
      let nextToken = first.nextToken;
      while (nextToken) {
        const page = await store.listSecrets({ maxResults: 10, sortOrder, nextToken });
        seen.push(...page.secrets.map((s) => s.name));
        nextToken = page.nextToken;
      }
      const remaining = (await store.listSecrets({ maxResults: 100, sortOrder })).secrets.map((s) => s.name);
      assert.equal(new Set(seen).size, seen.length, `${sortOrder}: no secret twice`);
      for (const name of remaining) {
        if (name !== `page/new-${sortOrder}` || sortOrder === 'asc')
          assert.ok(seen.includes(name), `${sortOrder}: ${name} was skipped`);
      }
      const sorted = [...seen].filter((n) => remaining.includes(n));
      assert.deepEqual(
        sorted,
        remaining.filter((n) => sorted.includes(n)),
        `${sortOrder}: in order`,
      );
    }
  });

  it('refuses a NextToken it did not issue', async () => {
    const store = new MemoryStore();
    await assert.rejects(store.listSecrets({ nextToken: 'not-a-token' }), /NextToken/);
    await assert.rejects(store.listSecrets({ nextToken: Buffer.from('{"c":"x"}').toString('base64url') }), /NextToken/);
  });
});
