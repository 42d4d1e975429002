// The hint after an error names its cause alone (issue #16: opening a version of a secret scheduled for deletion
// spoke of rotation too).
import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import { MemoryStore } from '../../../src/core/store/index';
import { failureMessage } from '../../../src/vscode/errors';

const caught = async (fn: () => Promise<unknown>): Promise<unknown> =>
  fn().then(
    () => assert.fail('no error'),
    (e) => e,
  );

describe('error hints', () => {
  it('reading a version of a secret scheduled for deletion says to restore it, and nothing about rotation', async () => {
    const store = new MemoryStore();
    const { versionId } = await store.createSecret({
      name: 'app/token',
      secretString: randomBytes(16).toString('hex'),
    });
    await store.deleteSecret({ secretId: 'app/token', recoveryWindowInDays: 7 });
    const error = await caught(() => store.getSecretValue({ secretId: 'app/token', versionId }));
    const message = failureMessage('Reading "app/token"', error);
    assert.match(message, /scheduled for deletion: restore it/);
    assert.doesNotMatch(message, /rotation/i);
  });

  it('a rotation refusal points at the rotation configuration, not at deletion', async () => {
    const store = new MemoryStore();
    await store.createSecret({ name: 'app/db', secretString: randomBytes(16).toString('hex') });
    const error = await caught(() => store.rotateSecret({ secretId: 'app/db' }));
    const message = failureMessage('Rotating "app/db"', error);
    assert.match(message, /rotation configuration/);
    assert.doesNotMatch(message, /deletion/i);
  });
});
