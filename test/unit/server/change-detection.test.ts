// `serve` notices another process's writes to the vault without a stat per request, and never serves a value
// older than a completed write by more than 100 ms.
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import { copyFile, readFile } from 'node:fs/promises';
import { PassThrough, Writable } from 'node:stream';
import { join } from 'node:path';
import { serve, serveRecheckAfterMs } from '../../../src/cli/commands/serve';
import type { AccessKey } from '../../../src/core/server/index';
import { VaultStore, generateRawVaultKey } from '../../../src/core/vault/index';
import { bundleChildWriter, startWriter } from '../vault/process-harness';
import { withTempDir } from '../vault/helpers';
import { rawCall } from './raw-client';

class Capture extends Writable {
  text = '';
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.text += chunk.toString();
    done();
  }
}

describe('serve: change detection', function () {
  this.timeout(120_000);
  const key = generateRawVaultKey();
  let dir: string;
  let cleanup: () => Promise<void>;
  let vault: string;
  let writer: string;
  let stop: () => void;
  let served: Promise<number>;
  let endpoint: string;
  let access: AccessKey;

  before(async () => {
    ({ dir, cleanup } = await withTempDir());
    vault = join(dir, 'served.swv');
    const store = await VaultStore.create(vault, { kind: 'raw', key });
    await store.createSecret({ name: 'fresh/db', secretString: 'initial' });
    store.close();
    writer = await bundleChildWriter(dir);
    const stdout = new Capture();
    const stopped = new Promise<void>((resolve) => (stop = resolve));
    const env = { HOME: dir, SECRETS_WORKBENCH_VAULT_KEY: key.toString('base64') };
    const io = { stdin: new PassThrough(), stdout, stderr: new Capture(), env, cwd: dir };
    served = serve(['--vault', vault], io, stopped);
    while (!stdout.text.includes('AWS_REGION')) await new Promise((resolve) => setTimeout(resolve, 10));
    // serve prints shell lines with single-quoted values: export NAME='value'
    const exported = (name: string) => new RegExp(`export ${name}='([^']*)'`).exec(stdout.text)![1];
    endpoint = exported('AWS_ENDPOINT_URL_SECRETS_MANAGER');
    access = { accessKeyId: exported('AWS_ACCESS_KEY_ID'), secretAccessKey: exported('AWS_SECRET_ACCESS_KEY') };
  });
  after(async () => {
    stop();
    assert.equal(await served, 0);
    await cleanup();
  });

  const currentValue = async () => {
    const response = await rawCall({
      endpoint,
      key: access,
      operation: 'GetSecretValue',
      body: { SecretId: 'fresh/db' },
    });
    assert.equal(response.status, 200, JSON.stringify(response.json));
    return response.json.SecretString as string;
  };

  it('does not check the vault file on every request', async () => {
    const originalStat = fs.stat;
    const originalOpen = fs.open;
    let checks = 0;
    const counting = <T extends (...args: never[]) => unknown>(fn: T) =>
      ((...args: Parameters<T>) => {
        if (String(args[0]) === vault) checks++;
        return fn.apply(fs, args);
      }) as unknown as T;
    fs.stat = counting(originalStat);
    fs.open = counting(originalOpen);
    const requests = 200;
    const started = performance.now();
    try {
      for (let i = 0; i < requests; i++) await currentValue();
    } finally {
      fs.stat = originalStat;
      fs.open = originalOpen;
    }
    const elapsed = performance.now() - started;
    // At most one check (a stat, or an open when the file changed) per recheck interval.
    const allowed = Math.ceil(elapsed / serveRecheckAfterMs) + 2;
    assert.ok(checks < requests, `${checks} file checks for ${requests} requests`);
    assert.ok(checks <= allowed, `${checks} file checks in ${elapsed.toFixed(0)} ms (at most ${allowed})`);
  });

  it("serves another process's completed write within 100 ms", async () => {
    const writes = 6;
    const run = startWriter(writer, [vault, key.toString('hex'), 'w', String(writes), 'fresh/db'], { waitForGo: true });
    await run.ready;
    const acked: number[] = []; // when the parent learned that write i had completed
    run.child.stdout!.on('data', () => {
      while (acked.length < run.acks.length) acked.push(performance.now());
    });
    const indexOf = (value: string) => (value === 'initial' ? -1 : Number(/^w-(\d+)$/.exec(value)![1]));
    const samples: Array<{ startedAt: number; index: number }> = [];
    run.child.stdin!.end('go\n'); // and end stdin, so the writer exits when done
    const exit = run.exit;
    let done = false;
    void exit.then(() => (done = true));
    let lastAckAt = Infinity;
    while (!done || performance.now() < lastAckAt + 250) {
      const startedAt = performance.now();
      samples.push({ startedAt, index: indexOf(await currentValue()) });
      if (done && lastAckAt === Infinity) lastAckAt = acked.at(-1) ?? performance.now();
    }
    assert.equal((await exit).code, 0);
    assert.equal(acked.length, writes);
    for (const { startedAt, index } of samples) {
      const completedBefore = acked.filter((at) => at + 100 <= startedAt).length - 1;
      assert.ok(
        index >= completedBefore,
        `a request ${(startedAt - acked[completedBefore]).toFixed(0)} ms after write ${completedBefore} completed ` +
          `was answered with write ${index}`,
      );
    }
    assert.equal(samples.at(-1)!.index, writes - 1, 'the last write is served');
  });

  it('refuses a vault file replaced under it by an older copy: serves no old value and writes nothing', async () => {
    const snapshot = join(dir, 'snapshot.swv');
    await copyFile(vault, snapshot);
    const older = await readFile(snapshot);
    const oldValue = await currentValue();
    const writer = await VaultStore.open(vault, { kind: 'raw', key });
    await writer.putSecretValue({ secretId: 'fresh/db', secretString: 'after-the-snapshot' });
    writer.close();
    await new Promise((resolve) => setTimeout(resolve, 120));
    assert.equal(await currentValue(), 'after-the-snapshot');

    await copyFile(snapshot, vault); // a backup restored, a sync tool, someone with file access
    await new Promise((resolve) => setTimeout(resolve, 120));
    const read = await rawCall({ endpoint, key: access, operation: 'GetSecretValue', body: { SecretId: 'fresh/db' } });
    assert.notEqual(read.status, 200);
    assert.ok(!JSON.stringify(read.json).includes(oldValue), 'the old value is not served');
    const write = await rawCall({
      endpoint,
      key: access,
      operation: 'PutSecretValue',
      body: { SecretId: 'fresh/db', SecretString: 'written-over' },
    });
    assert.notEqual(write.status, 200);
    assert.ok((await readFile(vault)).equals(older), 'nothing was written over the replaced file');
  });
});
