// The local server's access log on a real temporary folder: append order, rotation by size, newest-first reads
// filtered by secret, a torn last line, and that nothing but the event's own fields reaches the file.
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AccessLogWriter,
  accessLogPathFor,
  readAccessHistory,
  rotatedAccessLogPath,
  type AccessEvent,
} from '../../../src/core/access';
import { syntheticValue } from '../store/contract';

const arnOf = (name: string) => `arn:aws:secretsmanager:us-east-1:000000000000:secret:${name}-AbCdEf`;

function read(name: string, minute: number, extra: Partial<AccessEvent> = {}): AccessEvent {
  return {
    time: new Date(Date.UTC(2026, 0, 1, 0, minute)),
    action: 'GetSecretValue',
    principal: 'arn:aws:iam::000000000000:user/app',
    accessKeyId: 'ASWBEXAMPLEKEYID',
    sourceIp: '127.0.0.1',
    secretId: name,
    secretName: name,
    secretArn: arnOf(name),
    versionStage: 'AWSCURRENT',
    source: 'local',
    ...extra,
  };
}

describe('access log (src/core/access)', () => {
  let folder: string;
  let logPath: string;
  beforeEach(async () => {
    folder = await fs.mkdtemp(join(tmpdir(), 'swb-access-'));
    logPath = accessLogPathFor(join(folder, 'vault.swv'));
  });
  afterEach(() => fs.rm(folder, { recursive: true, force: true }));

  it('lives beside the vault file and reads back what was appended, newest first', async () => {
    assert.equal(logPath, join(folder, 'vault.swv.access.jsonl'));
    const log = new AccessLogWriter(logPath);
    log.append(read('db/a', 1));
    log.append(read('db/b', 2, { action: 'DescribeSecret', errorCode: 'ResourceNotFoundException' }));
    log.append(read('db/a', 3, { versionId: 'v-3' }));
    await log.flush();
    const all = await readAccessHistory(logPath);
    assert.deepEqual(
      all.map((e) => [e.time.getUTCMinutes(), e.action, e.secretName]),
      [
        [3, 'GetSecretValue', 'db/a'],
        [2, 'DescribeSecret', 'db/b'],
        [1, 'GetSecretValue', 'db/a'],
      ],
    );
    assert.deepEqual(all[0], read('db/a', 3, { versionId: 'v-3' }));
    assert.equal(all[1].errorCode, 'ResourceNotFoundException');
    if (process.platform !== 'win32') assert.equal((await fs.stat(logPath)).mode & 0o777, 0o600);
  });

  it('filters by secret name or ARN, whichever the caller used, and limits to the newest', async () => {
    const log = new AccessLogWriter(logPath);
    log.append(read('db/a', 1));
    log.append(read('db/a', 2, { secretId: arnOf('db/a'), secretName: undefined, secretArn: undefined }));
    log.append(read('db/ab', 3));
    log.append({
      ...read('x', 4),
      action: 'ListSecrets',
      secretId: undefined,
      secretName: undefined,
      secretArn: undefined,
    });
    await log.flush();
    const byName = await readAccessHistory(logPath, { secret: { name: 'db/a', arn: arnOf('db/a') } });
    assert.deepEqual(
      byName.map((e) => e.time.getUTCMinutes()),
      [2, 1],
    );
    const newest = await readAccessHistory(logPath, { secret: { name: 'db/a', arn: arnOf('db/a') }, limit: 1 });
    assert.deepEqual(
      newest.map((e) => e.time.getUTCMinutes()),
      [2],
    );
    assert.equal((await readAccessHistory(logPath, { secret: { name: 'db' } })).length, 0);
  });

  it('rotates by size into one older file, keeps reading both, and drops what is older than that', async () => {
    const probe = new AccessLogWriter(join(folder, 'probe.jsonl'));
    probe.append(read('db/a', 0));
    await probe.flush();
    const oneLine = (await fs.stat(join(folder, 'probe.jsonl'))).size;
    const log = new AccessLogWriter(logPath, { maxBytes: oneLine * 3 });
    for (let minute = 0; minute < 20; minute++) log.append(read('db/a', minute));
    await log.flush();
    const current = await fs.stat(logPath);
    const rotated = await fs.stat(rotatedAccessLogPath(logPath));
    assert.ok(current.size <= oneLine * 3, `current ${current.size} > cap ${oneLine * 3}`);
    assert.ok(rotated.size <= oneLine * 3 && rotated.size > 0);
    await assert.rejects(fs.stat(`${logPath}.2`), { code: 'ENOENT' });
    const minutes = (await readAccessHistory(logPath)).map((e) => e.time.getUTCMinutes());
    assert.equal(minutes[0], 19, 'the newest event is kept');
    assert.ok(minutes.length >= 4 && minutes.length <= 6, `${minutes.length}: up to 3 lines in each of two files`);
    assert.deepEqual(
      minutes,
      [...minutes].sort((a, b) => b - a),
    );
    assert.deepEqual(
      minutes,
      Array.from({ length: minutes.length }, (_, i) => 19 - i),
      'no gap between the two files',
    );
  });

  it('skips a torn last line (a crash mid-write) and other unreadable lines, and a missing log is empty', async () => {
    assert.deepEqual(await readAccessHistory(logPath), []);
    const log = new AccessLogWriter(logPath);
    log.append(read('db/a', 1));
    log.append(read('db/a', 2));
    await log.flush();
    await fs.appendFile(logPath, 'not json\n{"t":"2026-01-01T00:09:00.000Z"}\n{"t":"2026-01-01T00:05:00.000Z","act');
    assert.deepEqual(
      (await readAccessHistory(logPath)).map((e) => e.time.getUTCMinutes()),
      [2, 1],
    );
    // appending after the torn line starts a new line: the torn one stays unreadable, the new one is read
    await fs.appendFile(logPath, '\n');
    log.append(read('db/a', 3));
    await log.flush();
    assert.deepEqual(
      (await readAccessHistory(logPath)).map((e) => e.time.getUTCMinutes()),
      [3, 2, 1],
    );
  });

  it('writes only the event fields: a value smuggled onto the event object never reaches the file', async () => {
    const value = syntheticValue();
    const log = new AccessLogWriter(logPath);
    log.append({ ...read('db/a', 1), secretString: value, SecretString: value } as AccessEvent);
    await log.flush();
    const bytes = await fs.readFile(logPath);
    assert.ok(bytes.length > 0);
    assert.equal(bytes.includes(Buffer.from(value)), false);
    assert.equal(bytes.includes(Buffer.from('db/a')), true);
  });
});
