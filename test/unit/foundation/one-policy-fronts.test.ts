// One policy, two fronts, each driven through what a user runs: the bundled CLI (dist/cli.js, spawned) and the
// extension's use-case path (the same functions its commands call, with the scripted UserInput). The passphrase
// rule and the ignore rules (.gitignore, the project config's ignore globs) must give the same answers.
import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfigFile } from '../../../src/core/detection/index';
import { PASSPHRASE_MIN_LENGTH } from '../../../src/core/policy';
import { scanFolder } from '../../../src/core/usecases/scan-folder';
import { addVaultPassphrase, initPassphraseVault } from '../../../src/core/usecases/local-vault';
import { withoutProgress, type Log, type Ports } from '../../../src/core/usecases/ports';
import { ScriptedUserInput } from '../../../src/core/usecases/scripted-user-input';
import { createVault, openVault, vaultExists } from '../../../src/core/usecases/stores';
import { generateRawVaultKey } from '../../../src/core/vault/keys';
import { Synthetic } from '../../support/synthetic';

const cliJs = join(process.cwd(), 'dist', 'cli.js');
const logLines: string[] = [];
const log: Log = { info: (m) => logLines.push(m), error: (op) => logLines.push(`${op} failed`) };
const ports = (ui: ScriptedUserInput): Ports => ({ ui, progress: withoutProgress, log });

function cli(args: string[], env: NodeJS.ProcessEnv, cwd: string) {
  const run = spawnSync(process.execPath, [cliJs, ...args], {
    cwd,
    env: { PATH: process.env.PATH, HOME: cwd, ...env },
    encoding: 'utf8',
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('one policy through both fronts (spawned CLI, extension use cases)', function () {
  this.timeout(180_000);
  let dir: string;
  const random = new Synthetic(17);
  // printable, no spaces: passphrases of exactly the lengths around the minimum
  const passphraseOf = (length: number) => random.mixed(length).slice(0, length);
  const short = passphraseOf(PASSPHRASE_MIN_LENGTH - 1);
  const enough = passphraseOf(PASSPHRASE_MIN_LENGTH);

  before(async () => {
    execFileSync(process.execPath, ['esbuild.mjs'], { stdio: 'inherit' });
    dir = await mkdtemp(join(tmpdir(), 'sw-fronts-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('a new vault: both refuse one character under the minimum and accept the minimum', async () => {
    const viaCli = (name: string, passphrase: string) =>
      cli(['secrets', 'init', '--vault', join(dir, name)], { SECRETS_WORKBENCH_PASSPHRASE: passphrase }, dir);
    const refused = viaCli('cli-short.swv', short);
    assert.equal(refused.code, 2, refused.stderr);
    assert.match(refused.stderr, new RegExp(`at least ${PASSPHRASE_MIN_LENGTH} characters`));
    assert.equal(await vaultExists(join(dir, 'cli-short.swv')), false);
    const created = viaCli('cli-ok.swv', enough);
    assert.equal(created.code, 0, created.stderr);
    (await openVault(join(dir, 'cli-ok.swv'), { kind: 'passphrase', passphrase: enough })).close();

    // the extension's path: the same use case, asked through the UserInput port (typed twice)
    const refusing = new ScriptedUserInput().textAnswer(short);
    await assert.rejects(
      initPassphraseVault(ports(refusing), join(dir, 'ext-short.swv')),
      new RegExp(`at least ${PASSPHRASE_MIN_LENGTH} characters`),
    );
    assert.equal(await vaultExists(join(dir, 'ext-short.swv')), false);
    const accepting = new ScriptedUserInput().textAnswer(enough).textAnswer(enough);
    assert.equal(await initPassphraseVault(ports(accepting), join(dir, 'ext-ok.swv')), true);
    (await openVault(join(dir, 'ext-ok.swv'), { kind: 'passphrase', passphrase: enough })).close();
  });

  it("the extension's Add Passphrase applies the same rule to an existing vault", async () => {
    const vault = await createVault(join(dir, 'raw.swv'), { kind: 'raw', key: generateRawVaultKey() });
    try {
      const refusing = new ScriptedUserInput().textAnswer(short);
      await assert.rejects(addVaultPassphrase(ports(refusing), vault), /at least/);
      await addVaultPassphrase(ports(new ScriptedUserInput().textAnswer(enough).textAnswer(enough)), vault);
    } finally {
      vault.close();
    }
    (await openVault(join(dir, 'raw.swv'), { kind: 'passphrase', passphrase: enough })).close();
  });

  it('the ignore rules: .gitignore and the config globs skip the same files in the CLI scan and Scan Workspace', async () => {
    const root = join(dir, 'project');
    await mkdir(join(root, 'vendor'), { recursive: true });
    await mkdir(join(root, 'src'), { recursive: true });
    const leak = () => `aws_access_key_id = ${random.awsKeyId()}\naws_secret_access_key = ${random.awsSecret()}\n`;
    await writeFile(join(root, '.gitignore'), 'local.env\n');
    await writeFile(join(root, '.secrets-workbench.json'), JSON.stringify({ ignore: ['vendor/**'] }));
    for (const file of ['src/app.env', 'local.env', 'vendor/lib.env', 'kept.env'])
      await writeFile(join(root, file), leak());

    const run = cli(['scan', '--format', 'json', '.'], {}, root);
    assert.equal(run.code, 1, run.stderr); // findings: exit code 1
    const report = JSON.parse(run.stdout) as { findings: Array<{ path: string }> };
    const cliFiles = [...new Set(report.findings.map((f) => f.path))].sort();

    const extensionFiles: string[] = [];
    await scanFolder(root, {
      config: loadConfigFile(join(root, '.secrets-workbench.json')),
      onFile: (path, findings) => void (findings.length && extensionFiles.push(path)),
    });
    assert.deepEqual(cliFiles, ['kept.env', 'src/app.env']);
    assert.deepEqual(extensionFiles.sort(), cliFiles);
  });
});
