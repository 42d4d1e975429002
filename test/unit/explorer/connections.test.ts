import { strict as assert } from 'node:assert';
import { MemoryStore } from '../../../src/core/store/index';
import { parseConnectionSettings } from '../../../src/vscode/connections/config';
import { ConnectionManager } from '../../../src/vscode/connections/connection-manager';

describe('connections', () => {
  it('parses settings leniently: skips malformed entries and duplicates', () => {
    const parsed = parseConnectionSettings([
      { profile: 'dev', region: 'eu-west-1' },
      { profile: 'dev', region: 'eu-west-1' },
      { profile: '', region: 'x' },
      'junk',
      { profile: 'local', region: 'us-east-1', endpoint: 'http://127.0.0.1:4566', label: 'Local server' },
    ]);
    assert.deepEqual(
      parsed.map((c) => [c.id, c.label]),
      [
        ['aws:dev:eu-west-1', 'AWS dev · eu-west-1'],
        ['aws:local:us-east-1:http://127.0.0.1:4566', 'Local server'],
      ],
    );
    assert.deepEqual(parseConnectionSettings(undefined), []);
  });

  it('keeps the local vault first, adds and removes AWS connections through settings', async () => {
    let settings: unknown = [];
    let changes = 0;
    const manager = new ConnectionManager({
      readSettings: () => settings,
      writeSettings: async (v) => void (settings = v),
      openLocalVault: async () => new MemoryStore(),
      openAws: async () => new MemoryStore(),
    });
    manager.onDidChange(() => changes++);
    const added = await manager.addAws({ profile: 'dev', region: 'eu-west-1', endpoint: 'http://127.0.0.1:1' });
    assert.deepEqual(settings, [{ profile: 'dev', region: 'eu-west-1', endpoint: 'http://127.0.0.1:1' }]);
    assert.deepEqual(
      manager.list().map((c) => c.kind),
      ['local', 'aws'],
    );
    const store = await manager.getStore(added.id);
    assert.equal(await manager.getStore(added.id), store, 'a store opens once');
    await manager.remove(added.id);
    assert.deepEqual(settings, []);
    assert.equal(manager.isOpen(added.id), false);
    await assert.rejects(manager.remove('local'), /cannot be removed/);
    assert.ok(changes >= 2);
  });

  it('forgets a store that failed to open, so the next use retries', async () => {
    let attempts = 0;
    const manager = new ConnectionManager({
      readSettings: () => [],
      writeSettings: async () => undefined,
      openLocalVault: async () => {
        if (++attempts === 1) throw new Error('locked');
        return new MemoryStore();
      },
      openAws: async () => new MemoryStore(),
    });
    await assert.rejects(manager.getStore('local'), /locked/);
    await manager.getStore('local');
    assert.equal(attempts, 2);
  });
});
