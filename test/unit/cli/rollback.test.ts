// Rollback detection through the CLI (issue #20): the last generation seen of each vault is kept in the per-user
// state folder, authenticated with a key derived from the vault key; an older copy of the vault is refused with
// a clear error naming both generations and printing no value, unless --accept-rollback is given.
import { strict as assert } from 'node:assert';
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { runCli } from '../../../src/cli/main';
import { VaultStore, generateRawVaultKey } from '../../../src/core/vault/index';
import { Capture } from '../../support/cli-run';
import { syntheticValue } from '../store/contract';
import { withTempDir } from '../vault/helpers';

describe('CLI: vault rollback', function () {
  this.timeout(60_000);
  let dir: string;
  let cleanup: () => Promise<void>;
  let vault: string;
  const key = generateRawVaultKey();

  beforeEach(async () => {
    ({ dir, cleanup } = await withTempDir());
    vault = join(dir, 'vault.swv');
    (await VaultStore.create(vault, { kind: 'raw', key })).close();
  });
  afterEach(() => cleanup());

  async function cli(args: string[], input = '') {
    const stdin = new PassThrough();
    stdin.end(input);
    const stdout = new Capture();
    const stderr = new Capture();
    const env = { HOME: dir, SECRETS_WORKBENCH_VAULT: vault, SECRETS_WORKBENCH_VAULT_KEY: key.toString('base64') };
    const code = await runCli(['secrets', ...args], { stdin, stdout, stderr, env, cwd: dir });
    return { code, stdout: stdout.text, stderr: stderr.text };
  }

  const generationOf = async () => (await VaultStore.readVaultId(vault)) && readGeneration(await readFile(vault));

  it('refuses a restored older copy on the next read, naming both generations and printing no value', async () => {
    const oldValue = syntheticValue();
    const newValue = syntheticValue();
    assert.equal((await cli(['create', 'app/db'], oldValue)).code, 0);
    const snapshot = join(dir, 'snapshot.swv');
    await copyFile(vault, snapshot); // 1. snapshot the vault
    const older = await generationOf();
    assert.equal((await cli(['put', 'app/db'], newValue)).code, 0); // 2. one more put
    const newer = await generationOf();
    await copyFile(snapshot, vault); // 3. restore the snapshot

    const read = await cli(['get', 'app/db']); // 4. the next read fails clearly
    assert.equal(read.code, 1);
    assert.equal(read.stdout, '');
    assert.match(read.stderr, new RegExp(`generation ${older}, older than generation ${newer}`));
    assert.match(read.stderr, /older copy/);
    for (const value of [oldValue, newValue]) assert.ok(!read.stderr.includes(value), 'no value in the error');
    for (const op of [['list'], ['describe', 'app/db']]) assert.equal((await cli(op)).code, 1, op.join(' '));
    assert.equal((await cli(['put', 'app/db'], syntheticValue())).code, 1, 'no write over the restored copy either');
    assert.ok((await readFile(vault)).equals(await readFile(snapshot)), 'the restored file is left as it is');

    // Going back on purpose: --accept-rollback opens it, and from then on it is the generation on record.
    const accepted = await cli(['get', 'app/db', '--accept-rollback']);
    assert.equal(accepted.code, 0, accepted.stderr);
    assert.equal(accepted.stdout, oldValue);
    assert.equal((await cli(['get', 'app/db'])).stdout, oldValue);
  });

  it('keeps the record in the per-user state folder, authenticated: an edited record is refused', async () => {
    assert.equal((await cli(['create', 'app/db'], syntheticValue())).code, 0);
    const state = join(dir, '.local', 'state', 'secrets-workbench', 'vault-generations.json');
    const records = JSON.parse(await readFile(state, 'utf8')) as Record<string, string>;
    const vaultId = await VaultStore.readVaultId(vault);
    assert.match(records[vaultId], new RegExp(`^${await generationOf()}:`));
    // A record forged without the vault key (a higher generation with the old MAC) does not authenticate.
    records[vaultId] = records[vaultId].replace(/^\d+/, '99');
    await writeFile(state, JSON.stringify(records));
    const read = await cli(['get', 'app/db']);
    assert.equal(read.code, 1);
    assert.match(read.stderr, /failed authentication/);
  });
});

function readGeneration(bytes: Buffer): number {
  const length = bytes.readUInt32BE(10);
  return (JSON.parse(bytes.subarray(14, 14 + length).toString('utf8')) as { generation: number }).generation;
}
