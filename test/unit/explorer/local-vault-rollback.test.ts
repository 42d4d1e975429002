// The extension's local vault with rollback detection (issue #20): the last generation seen is kept in the
// global state; an older copy of the vault opens only after the user accepts it in a modal.
import { strict as assert } from 'node:assert';
import { copyFile } from 'node:fs/promises';
import { join } from 'node:path';
import { globalStateGenerations, openLocalVault, type KeyStorage } from '../../../src/core/usecases/local-vault';
import { ScriptedUserInput } from '../../../src/core/usecases/scripted-user-input';
import { withTempDir } from '../vault/helpers';

class MemoryKeyStorage implements KeyStorage {
  readonly map = new Map<string, string>();
  async get(key: string) {
    return this.map.get(key);
  }
  async store(key: string, value: string) {
    this.map.set(key, value);
  }
}

/** VS Code's Memento, in memory. */
class MemoryState {
  readonly values = new Map<string, unknown>();
  get(key: string): unknown {
    return structuredClone(this.values.get(key));
  }
  async update(key: string, value: unknown): Promise<void> {
    this.values.set(key, structuredClone(value));
  }
}

describe('local vault rollback detection (extension)', function () {
  this.timeout(60_000);

  it('refuses an older copy unless the modal is accepted, and records generations in the global state', async () => {
    const { dir, cleanup } = await withTempDir();
    try {
      const state = new MemoryState();
      const keys = new MemoryKeyStorage();
      const ui = new ScriptedUserInput();
      const deps = async () => ({
        path: join(dir, 'v.swv'),
        keyStorage: keys,
        keyName: 'k',
        ui: () => ui,
        log: () => undefined,
        generations: await globalStateGenerations(state),
      });
      const vault = await openLocalVault(await deps());
      await vault.createSecret({ name: 'app/db', secretString: 'synthetic-old-value' });
      vault.close();
      await copyFile(join(dir, 'v.swv'), join(dir, 'backup.swv'));
      const again = await openLocalVault(await deps());
      await again.putSecretValue({ secretId: 'app/db', secretString: 'synthetic-new-value' });
      again.close();
      assert.equal(Object.keys(state.get('secretsWorkbench.vaultGenerations') as object).length, 1);

      await copyFile(join(dir, 'backup.swv'), join(dir, 'v.swv'));
      ui.confirmAnswer(false);
      await assert.rejects(openLocalVault(await deps()), (error: Error & { code?: string }) => {
        assert.equal(error.code, 'Rollback');
        assert.match(error.message, /generation 2, older than generation 3/);
        return true;
      });
      assert.match(ui.notifications.at(-1)!.message, /older than the one last seen/);

      ui.confirmAnswer(true);
      const accepted = await openLocalVault(await deps());
      assert.equal((await accepted.getSecretValue({ secretId: 'app/db' })).secretString, 'synthetic-old-value');
      accepted.close();
    } finally {
      await cleanup();
    }
  });
});
