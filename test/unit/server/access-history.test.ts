// The server's access log and its CloudTrail LookupEvents, end to end: the AWS store (real SDK clients, real HTTP,
// real SigV4) calls Secrets Manager on 127.0.0.1, then reads who did through CloudTrail from the same server.
import { strict as assert } from 'node:assert';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { accessLogPathFor, MissingPermissionError, readAccessHistory } from '../../../src/core/access';
import { failureMessage } from '../../../src/vscode/errors';
import type { AwsSecretStore } from '../../../src/core/aws/index';
import { generateAccessKey } from '../../../src/core/server/index';
import { startLocalAws, type LocalAws } from '../aws/helpers';
import { syntheticValue } from '../store/contract';

describe('server: access log and CloudTrail LookupEvents', function () {
  this.timeout(30_000);
  let folder: string;
  let logPath: string;
  let aws: LocalAws;
  let store: AwsSecretStore;
  const auditor = { ...generateAccessKey(), userName: 'auditor', permissions: ['secretsmanager:*'] };

  beforeEach(async () => {
    folder = await fs.mkdtemp(join(tmpdir(), 'swb-access-server-'));
    logPath = accessLogPathFor(join(folder, 'vault.swv'));
    aws = await startLocalAws({ accessLog: { path: logPath }, identities: [auditor], accountId: '123456789012' });
    store = await aws.connect();
  });
  afterEach(async () => {
    await aws.close();
    await fs.rm(folder, { recursive: true, force: true });
  });

  it('logs every call with caller, action, secret and version, and never a value', async () => {
    const value = syntheticValue();
    const created = await store.createSecret({ name: 'app/db', secretString: value });
    await store.getSecretValue({ secretId: 'app/db' });
    store.invalidateCache();
    await store.getSecretValue({ secretId: created.arn, versionStage: 'AWSCURRENT' });
    await assert.rejects(store.describeSecret('app/missing'));
    await store.batchGetSecretValue({ secretIdList: ['app/db'] });
    await aws.server.flushAccessLog();

    const bytes = await fs.readFile(logPath);
    assert.equal(bytes.includes(Buffer.from(value)), false, 'no value in the log');
    const events = await readAccessHistory(logPath);
    assert.deepEqual(
      events.map((e) => [e.action, e.secretName ?? e.secretId, e.errorCode]),
      [
        ['BatchGetSecretValue', 'app/db', undefined],
        ['DescribeSecret', 'app/missing', 'ResourceNotFoundException'],
        ['GetSecretValue', 'app/db', undefined],
        ['GetSecretValue', 'app/db', undefined],
        ['CreateSecret', 'app/db', undefined],
      ],
    );
    const read = events[2];
    assert.equal(read.principal, 'arn:aws:iam::123456789012:user/secrets-workbench');
    assert.equal(read.accessKeyId, aws.server.accessKeyId);
    assert.equal(read.sourceIp, '127.0.0.1');
    assert.equal(read.secretId, created.arn);
    assert.equal(read.secretArn, created.arn);
    assert.equal(read.versionId, created.versionId);
    assert.equal(read.versionStage, 'AWSCURRENT');
    assert.match(read.userAgent ?? '', /aws-sdk-js/);
  });

  it('answers LookupEvents on the secret newest first, through the real CloudTrail client', async () => {
    const created = await store.createSecret({ name: 'app/db', secretString: syntheticValue() });
    await store.createSecret({ name: 'app/other', secretString: syntheticValue() });
    for (let i = 0; i < 2; i++) {
      store.invalidateCache();
      await store.getSecretValue({ secretId: 'app/db' });
    }
    await store.getSecretValue({ secretId: 'app/other' });
    await aws.server.flushAccessLog();

    const events = await store.accessEvents({ name: 'app/db', arn: created.arn });
    assert.deepEqual(
      events.map((e) => e.action),
      ['GetSecretValue', 'GetSecretValue', 'CreateSecret'],
    );
    assert.ok(events.every((e) => e.source === 'cloudtrail' && e.secretArn === created.arn));
    assert.ok(events[0].time >= events[1].time && events[1].time >= events[2].time);
    assert.equal(events[0].principal, 'arn:aws:iam::123456789012:user/secrets-workbench');
    assert.equal(events[0].sourceIp, '127.0.0.1');
    assert.equal(events[0].accessKeyId, aws.server.accessKeyId);
    assert.equal(events[0].versionId, created.versionId);
  });

  it('pages through more events than one LookupEvents page holds, up to the limit', async () => {
    const created = await store.createSecret({ name: 'app/busy', secretString: syntheticValue() });
    for (let i = 0; i < 60; i++) {
      store.invalidateCache();
      await store.getSecretValue({ secretId: 'app/busy' });
    }
    await aws.server.flushAccessLog();
    const secret = { name: 'app/busy', arn: created.arn };
    assert.equal((await store.accessEvents(secret, { limit: 55 })).length, 55);
    const all = await store.accessEvents(secret, { limit: 500 });
    assert.equal(all.length, 61);
    assert.equal(all.at(-1)?.action, 'CreateSecret');
  });

  it('turns a missing cloudtrail:LookupEvents permission into one actionable message', async () => {
    const created = await store.createSecret({ name: 'app/db', secretString: syntheticValue() });
    const denied = await aws.connect({
      env: { ...aws.env, AWS_ACCESS_KEY_ID: auditor.accessKeyId, AWS_SECRET_ACCESS_KEY: auditor.secretAccessKey },
    });
    await assert.rejects(denied.accessEvents({ name: 'app/db', arn: created.arn }), (error: Error) => {
      assert.equal((error as { code?: string }).code, 'AccessDeniedException');
      assert.match(error.message, /needs the IAM permission cloudtrail:LookupEvents/);
      assert.match(error.message, /arn:aws:iam::123456789012:user\/auditor/);
      assert.ok(error instanceof MissingPermissionError);
      assert.equal(error.permission, 'cloudtrail:LookupEvents');
      // the extension's notification: the message alone, no second generic remedy after it
      const shown = failureMessage('Who Read This Secret', error);
      assert.equal(shown, `Who Read This Secret failed: ${error.message}`);
      assert.equal(shown.split('\n').length, 1);
      return true;
    });
  });

  it('keeps answering when the log cannot be written, and still closes (flushAccessLog reports it)', async () => {
    const gone = join(folder, 'removed');
    await fs.mkdir(gone);
    const other = await startLocalAws({ accessLog: { path: join(gone, 'vault.swv.access.jsonl') } });
    try {
      await fs.rm(gone, { recursive: true });
      const app = await other.connect();
      await app.createSecret({ name: 'still/served', secretString: syntheticValue() });
      assert.equal((await app.describeSecret('still/served')).name, 'still/served');
      await assert.rejects(other.server.flushAccessLog(), { code: 'ENOENT' });
    } finally {
      await other.close();
    }
  });
});
