// The extension and the CLI apply the same limits (src/core/policy.ts): each front is driven through its own
// entry point with values on both sides of the limit.
import { strict as assert } from 'node:assert';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { runCli } from '../../../src/cli/main';
import { PASSPHRASE_MIN_LENGTH, MAX_SCAN_CHARACTERS, MAX_SCAN_FILE_BYTES } from '../../../src/core/policy';
import { scanFolder } from '../../../src/core/usecases/scan-folder';
import { scanText } from '../../../src/core/detection/index';
import { askNewPassphrase } from '../../../src/core/usecases/local-vault';
import { ScriptedUserInput } from '../../../src/core/usecases/scripted-user-input';

async function cli(args: string[], env: NodeJS.ProcessEnv, cwd: string) {
  let stdout = '';
  let stderr = '';
  const sink = (append: (s: string) => void) =>
    new Writable({
      write(chunk, _encoding, done) {
        append(String(chunk));
        done();
      },
    });
  const code = await runCli(args, {
    stdin: Readable.from([]),
    stdout: sink((s) => (stdout += s)),
    stderr: sink((s) => (stderr += s)),
    env: { HOME: cwd, ...env },
    cwd,
  });
  return { code, stdout, stderr };
}

describe('one policy for both fronts', function () {
  this.timeout(60_000);
  let dir: string;
  before(async () => (dir = await mkdtemp(join(tmpdir(), 'sw-policy-'))));
  after(() => rm(dir, { recursive: true, force: true }));

  const short = 'p'.repeat(PASSPHRASE_MIN_LENGTH - 1);
  const enough = 'p'.repeat(PASSPHRASE_MIN_LENGTH);

  it('the CLI refuses a passphrase one character under the minimum and accepts one at it', async () => {
    assert.equal(PASSPHRASE_MIN_LENGTH, 12);
    const refused = await cli(
      ['secrets', 'init', '--vault', join(dir, 'short.swv')],
      { SECRETS_WORKBENCH_PASSPHRASE: short },
      dir,
    );
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /at least 12 characters/);
    const created = await cli(
      ['secrets', 'init', '--vault', join(dir, 'ok.swv')],
      { SECRETS_WORKBENCH_PASSPHRASE: enough },
      dir,
    );
    assert.equal(created.code, 0, created.stderr);
  });

  it('the extension refuses the same passphrase and accepts the same one', async () => {
    const refusing = new ScriptedUserInput().textAnswer(short);
    await assert.rejects(askNewPassphrase(refusing, 'New vault'), /at least 12 characters/);
    const accepting = new ScriptedUserInput().textAnswer(enough).textAnswer(enough);
    assert.equal(await askNewPassphrase(accepting, 'New vault'), enough);
  });

  it('an open editor and a file on disk are skipped as too large at the same length', async () => {
    assert.equal(MAX_SCAN_FILE_BYTES, 2 * MAX_SCAN_CHARACTERS);
    const atLimit = `${'a'.repeat(63)}\n`.repeat(MAX_SCAN_CHARACTERS / 64); // short lines: not minified
    const over = `${atLimit}a`;
    assert.equal(scanText(over).skipped?.reason, 'too-large'); // the editor's open-document path
    assert.equal(scanText(atLimit).skipped, undefined);
    const folder = join(dir, 'big');
    await mkdir(folder);
    await writeFile(join(folder, 'big.txt'), over);
    const summary = await scanFolder(folder); // the extension's Scan Workspace
    assert.deepEqual([summary.skipped, summary.scanned], [1, 0]);
    const viaCli = await cli(['scan', '--format', 'json', 'big'], {}, dir); // the CLI's scan
    const report = JSON.parse(viaCli.stdout) as { skipped: Array<{ path: string; reason: string }> };
    assert.deepEqual(
      report.skipped.map((f) => [f.path, f.reason]),
      [['big/big.txt', 'too-large']],
    );
  });
});
