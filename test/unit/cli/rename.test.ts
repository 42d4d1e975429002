// `secrets-workbench rename` on a local vault, in-process: the copy, the listed edits, --apply and --delete-old.
import { strict as assert } from 'node:assert';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { runCli } from '../../../src/cli/main';
import { VaultStore, generateRawVaultKey } from '../../../src/core/vault/index';
import { syntheticValue } from '../store/contract';
import { Capture } from '../../support/cli-run';

describe('secrets-workbench rename', function () {
  this.timeout(60_000);
  let dir: string;
  const key = generateRawVaultKey();
  const values: string[] = [];
  const vaultPath = () => join(dir, 'vault.swv');
  const app = "const db = await getSecret('app/db', 'password');\nconst api = await getSecret('app/api');\n";
  const template = "Password: '{{resolve:secretsmanager:app/db:SecretString:password}}'\n";

  async function cli(...args: string[]) {
    const stdout = new Capture();
    const stderr = new Capture();
    const code = await runCli(['rename', ...args, '--vault', vaultPath(), '--dir', join(dir, 'code')], {
      stdin: new PassThrough(),
      stdout,
      stderr,
      env: { SECRETS_WORKBENCH_VAULT_KEY: key.toString('base64'), HOME: dir },
      cwd: dir,
    });
    for (const value of values) assert.ok(!(stdout.text + stderr.text).includes(value), 'no value printed');
    return { code, stdout: stdout.text, stderr: stderr.text };
  }

  const withVault = async <T>(fn: (vault: VaultStore) => Promise<T>) => {
    const vault = await VaultStore.open(vaultPath(), { kind: 'raw', key });
    try {
      return await fn(vault);
    } finally {
      vault.close();
    }
  };

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sw-rename-cli-'));
    await mkdir(join(dir, 'code'));
    await writeFile(join(dir, 'code', 'app.ts'), app);
    await writeFile(join(dir, 'code', 'template.yaml'), template);
    const vault = await VaultStore.create(vaultPath(), { kind: 'raw', key });
    try {
      for (const name of ['app/db', 'app/api']) {
        values.push(syntheticValue(), syntheticValue());
        await vault.createSecret({ name, secretString: values.at(-2)! });
        await vault.putSecretValue({ secretId: name, secretString: values.at(-1)! });
      }
    } finally {
      vault.close();
    }
  });

  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('copies every version and lists the edits, writing nothing without --apply', async () => {
    const result = await cli('app/api', 'app/api2');
    assert.equal(result.code, 0, result.stderr);
    assert.equal(result.stdout.split('\n')[0], 'app.ts:2:30  app/api -> app/api2');
    assert.match(result.stdout, /1 reference\(s\) in 1 file\(s\) listed above, not written/);
    assert.match(result.stdout, /"app\/api" is kept/);
    assert.equal(await readFile(join(dir, 'code', 'app.ts'), 'utf8'), app);
    await withVault(async (vault) => {
      const [old, copy] = await Promise.all(['app/api', 'app/api2'].map((n) => vault.describeSecret(n)));
      assert.deepEqual(copy.versionIdsToStages, old.versionIdsToStages);
      assert.equal(old.deletedDate, undefined);
    });
  });

  it('--apply writes the edits in every file; --delete-old then schedules the old secret for deletion', async () => {
    const result = await cli('app/db', 'app/database', '--apply', '--delete-old', '--recovery-days', '7');
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /updated 2 reference\(s\) in 2 file\(s\)/);
    assert.equal(await readFile(join(dir, 'code', 'app.ts'), 'utf8'), app.replace("'app/db'", "'app/database'"));
    assert.equal(
      await readFile(join(dir, 'code', 'template.yaml'), 'utf8'),
      template.replace('secretsmanager:app/db:', 'secretsmanager:app/database:'),
    );
    await withVault(async (vault) => {
      const old = await vault.describeSecret('app/db');
      assert.ok(old.deletedDate && old.deletionDate);
      assert.equal(Math.round((old.deletionDate.getTime() - old.deletedDate.getTime()) / 86_400_000), 7);
      const current = (await vault.getSecretValue({ secretId: 'app/database' })).secretString;
      assert.ok(current === values.at(-3), "the copy's current value is app/db's (not printed)");
    });
  });

  it('refuses --delete-old without --apply, and a taken name, changing nothing', async () => {
    assert.equal((await cli('app/db', 'app/database', '--delete-old')).code, 2);
    const taken = await cli('app/db', 'app/api');
    assert.equal(taken.code, 2);
    assert.match(taken.stderr, /already exists/);
    assert.equal(await readFile(join(dir, 'code', 'app.ts'), 'utf8'), app);
  });
});
