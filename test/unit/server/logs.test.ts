// CloudWatch Logs FilterLogEvents on the local server, with the real @aws-sdk/client-cloudwatch-logs over
// 127.0.0.1 (real HTTP, real SigV4 for service `logs`), answered from the served store's rotation step records.
import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import { CloudWatchLogsClient, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { matchesTermPattern } from '../../../src/core/server/logs';
import { simulatedRotationLambdas } from '../../../src/core/server/index';
import { logGroupOf } from '../../../src/core/store/index';
import { withoutProgress } from '../../../src/core/usecases/ports';
import { showRotationLogs } from '../../../src/core/usecases/rotation-logs';
import { startLocalAws, type LocalAws } from '../aws/helpers';

const synthetic = () => randomBytes(18).toString('base64url');
const stuckArn = `arn:aws:lambda:us-east-1:000000000000:function:${simulatedRotationLambdas.stuck}`;
const okArn = `arn:aws:lambda:us-east-1:000000000000:function:${simulatedRotationLambdas.generatedPassword}`;

describe('server: CloudWatch Logs FilterLogEvents from the rotation step records', () => {
  let aws: LocalAws;
  let logs: CloudWatchLogsClient;
  const client = (secretAccessKey = aws.server.secretAccessKey) =>
    new CloudWatchLogsClient({
      region: aws.server.region,
      endpoint: aws.server.endpoint,
      credentials: { accessKeyId: aws.server.accessKeyId, secretAccessKey },
      maxAttempts: 1,
    });

  before(async () => {
    aws = await startLocalAws();
    logs = client();
    const backend = aws.backend;
    await backend.createSecret({
      name: 'app/db',
      secretString: JSON.stringify({ username: 'app', password: synthetic() }),
    });
    await backend.createSecret({
      name: 'app/ok',
      secretString: JSON.stringify({ username: 'app', password: synthetic() }),
    });
    await backend.rotateSecret({ secretId: 'app/db', rotationLambdaArn: stuckArn });
    await backend.rotateSecret({ secretId: 'app/ok', rotationLambdaArn: okArn });
    await backend.settled();
  });

  after(async () => {
    logs.destroy();
    await aws.close();
  });

  it("answers a Lambda's group with its steps, in AWS's shape", async () => {
    const out = await logs.send(
      new FilterLogEventsCommand({ logGroupName: logGroupOf(simulatedRotationLambdas.stuck) }),
    );
    const events = out.events ?? [];
    assert.deepEqual(
      events.map((e) => e.message?.split(':')[0]),
      ['createSecret', '[ERROR] setSecret'],
    );
    assert.match(events[0]!.logStreamName!, /^\d{4}\/\d{2}\/\d{2}\/\[\$LATEST\][0-9a-f]{32}$/);
    assert.equal(typeof events[0]!.timestamp, 'number');
    assert.equal(out.nextToken, undefined);
  });

  it('filters by term pattern and pages with limit/nextToken', async () => {
    const group = logGroupOf(simulatedRotationLambdas.generatedPassword);
    const only = await logs.send(new FilterLogEventsCommand({ logGroupName: group, filterPattern: 'testSecret' }));
    assert.deepEqual(
      only.events?.map((e) => e.message?.split(':')[0]),
      ['testSecret'],
    );
    const first = await logs.send(new FilterLogEventsCommand({ logGroupName: group, limit: 3 }));
    assert.equal(first.events?.length, 3);
    assert.ok(first.nextToken);
    const rest = await logs.send(
      new FilterLogEventsCommand({ logGroupName: group, limit: 3, nextToken: first.nextToken }),
    );
    assert.deepEqual(
      rest.events?.map((e) => e.message?.split(':')[0]),
      ['finishSecret'],
    );
    const later = await logs.send(new FilterLogEventsCommand({ logGroupName: group, startTime: Date.now() + 60_000 }));
    assert.deepEqual(later.events, []);
  });

  it("refuses an unknown group (ResourceNotFoundException), bad input, and a wrong key's signature", async () => {
    await assert.rejects(logs.send(new FilterLogEventsCommand({ logGroupName: '/aws/lambda/nothing-here' })), {
      name: 'ResourceNotFoundException',
    });
    await assert.rejects(
      logs.send(new FilterLogEventsCommand({ logGroupName: logGroupOf(simulatedRotationLambdas.stuck), limit: 0 })),
      { name: 'InvalidParameterException' },
    );
    const wrong = client(randomBytes(30).toString('base64'));
    try {
      await assert.rejects(
        wrong.send(new FilterLogEventsCommand({ logGroupName: logGroupOf(simulatedRotationLambdas.stuck) })),
        (error: Error) => /Signature/.test(error.name),
      );
    } finally {
      wrong.destroy();
    }
  });

  it('term patterns: all plain terms, any ? term, no - term, quoted phrases', () => {
    assert.ok(matchesTermPattern('setSecret Failed', '[ERROR] setSecret: Failed for ARN x'));
    assert.ok(!matchesTermPattern('setSecret Succeeded', '[ERROR] setSecret: Failed for ARN x'));
    assert.ok(matchesTermPattern('?ERROR ?Traceback', '[ERROR] x'));
    assert.ok(!matchesTermPattern('-ERROR', '[ERROR] x'));
    assert.ok(matchesTermPattern('"for ARN"', 'Failed for ARN x'));
    assert.ok(!matchesTermPattern('"ARN for"', 'Failed for ARN x'));
  });

  it('Show Rotation Logs through the AWS store: the SDK reads the failing step from the server', async () => {
    // the store's own Logs client, configured as for any connection (the Logs endpoint variable)
    const store = await aws.connect({ env: { ...aws.env, AWS_ENDPOINT_URL_CLOUDWATCH_LOGS: aws.server.endpoint } });
    const report = await showRotationLogs(
      { progress: withoutProgress },
      { store: async () => store, label: 'local AWS' },
      'app/db',
      new Date(Date.now() + 2 * 3_600_000),
    );
    assert.match(report, /Rotation health: failed/);
    assert.match(report, /\(CloudWatch Logs, us-east-1\)/);
    assert.match(report, /Failing step: \*\*setSecret\*\* \(1 of 2 events shown\)/);
    assert.match(report, /\[ERROR\] setSecret: Failed .*Simulated rotation failure at setSecret/);
    assert.match(
      report,
      /https:\/\/us-east-1\.console\.aws\.amazon\.com\/lambda\/home\?region=us-east-1#\/functions\/secrets-workbench-stuck-rotation/,
    );
  });
});
