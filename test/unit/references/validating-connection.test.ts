import { strict as assert } from 'node:assert';
import { validatingConnection } from '../../../src/core/references/validating-connection';

const local = { id: 'local', label: 'Local Vault', kind: 'local' as const };
const prod = { id: 'aws:prod:eu-west-1', label: 'AWS prod · eu-west-1', kind: 'aws' as const };
const dev = { id: 'aws:dev:us-east-1', label: 'Dev', kind: 'aws' as const };

describe('validatingConnection', () => {
  it('offline, the local vault validates whatever the setting says', () => {
    const choice = validatingConnection({ connections: [local, prod], setting: prod.id, offline: true });
    assert.deepEqual(choice, { connectionId: 'local', reason: 'offline' });
  });

  it('the folder setting picks a connection by id, by label (any case), or "local"', () => {
    const connections = [local, prod, dev];
    assert.equal(validatingConnection({ connections, setting: prod.id, offline: false }).connectionId, prod.id);
    assert.equal(validatingConnection({ connections, setting: 'dev', offline: false }).connectionId, dev.id);
    const vault = validatingConnection({
      connections,
      setting: 'local',
      offline: false,
      offlineSyncConnection: dev.id,
    });
    assert.deepEqual(vault, { connectionId: 'local', reason: 'setting' });
  });

  it('without a setting: the connection offline mode syncs with, else the only AWS one, else the vault', () => {
    assert.deepEqual(
      validatingConnection({ connections: [local, prod, dev], offline: false, offlineSyncConnection: dev.id }),
      { connectionId: dev.id, reason: 'offline-sync-connection' },
    );
    assert.deepEqual(validatingConnection({ connections: [local, prod], offline: false }), {
      connectionId: prod.id,
      reason: 'only-aws-connection',
    });
    assert.deepEqual(validatingConnection({ connections: [local, prod, dev], offline: false }), {
      connectionId: 'local',
      reason: 'local-vault',
    });
    assert.deepEqual(
      validatingConnection({ connections: [local, prod, dev], offline: false, offlineSyncConnection: 'aws:gone:x' }),
      { connectionId: 'local', reason: 'local-vault' },
    );
  });

  it('a setting that names no connection falls back to the automatic choice and says so', () => {
    const choice = validatingConnection({ connections: [local, prod], setting: 'staging', offline: false });
    assert.equal(choice.connectionId, prod.id);
    assert.match(choice.problem ?? '', /names no connection \("staging"\)/);
  });
});
