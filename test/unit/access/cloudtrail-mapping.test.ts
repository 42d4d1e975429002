// CloudTrail's LookupEvents event ↔ AccessEvent: a real-shaped record (as CloudTrail logs GetSecretValue for an
// assumed role) maps to principal, source IP, event, time and secret; the server's own events round-trip.
import { strict as assert } from 'node:assert';
import { fromCloudTrail, toCloudTrail, type AccessEvent } from '../../../src/core/access';

const arn = 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:prod/db-a1B2c3';

describe('CloudTrail events (src/core/access/cloudtrail.ts)', () => {
  it('maps a CloudTrail GetSecretValue record: role session ARN, source IP, user agent, secret, stage, error', () => {
    const record = {
      eventVersion: '1.09',
      userIdentity: {
        type: 'AssumedRole',
        principalId: 'AROAEXAMPLEID:app-session',
        arn: 'arn:aws:sts::111122223333:assumed-role/app-role/app-session',
        accountId: '111122223333',
        accessKeyId: 'ASIAEXAMPLEKEYID0001',
      },
      eventTime: '2026-11-30T08:15:02Z',
      eventSource: 'secretsmanager.amazonaws.com',
      eventName: 'GetSecretValue',
      awsRegion: 'eu-west-1',
      sourceIPAddress: '203.0.113.7',
      userAgent: 'aws-sdk-java/2.25.0',
      errorCode: 'AccessDenied',
      requestParameters: { secretId: 'prod/db', versionStage: 'AWSCURRENT' },
      responseElements: null,
      readOnly: true,
      eventType: 'AwsApiCall',
    };
    const event = fromCloudTrail({
      EventId: '0d6e1b2c-0000-4000-8000-000000000001',
      EventName: 'GetSecretValue',
      ReadOnly: 'true',
      AccessKeyId: 'ASIAEXAMPLEKEYID0001',
      EventTime: new Date('2026-11-30T08:15:02Z'),
      EventSource: 'secretsmanager.amazonaws.com',
      Username: 'app-session',
      Resources: [{ ResourceType: 'AWS::SecretsManager::Secret', ResourceName: arn }],
      CloudTrailEvent: JSON.stringify(record),
    });
    assert.deepEqual(event, {
      time: new Date('2026-11-30T08:15:02Z'),
      action: 'GetSecretValue',
      principal: 'arn:aws:sts::111122223333:assumed-role/app-role/app-session',
      accessKeyId: 'ASIAEXAMPLEKEYID0001',
      sourceIp: '203.0.113.7',
      userAgent: 'aws-sdk-java/2.25.0',
      secretId: 'prod/db',
      secretArn: arn,
      versionStage: 'AWSCURRENT',
      errorCode: 'AccessDenied',
      source: 'cloudtrail',
    });
  });

  it('falls back to the user name when the record is missing or not JSON', () => {
    const event = fromCloudTrail({
      EventName: 'DescribeSecret',
      EventTime: new Date(0),
      Username: 'ci-bot',
      CloudTrailEvent: '{',
    });
    assert.equal(event.principal, 'ci-bot');
    assert.equal(event.sourceIp, undefined);
  });

  it("round-trips the local server's events through toCloudTrail (what its LookupEvents answers)", () => {
    const local: AccessEvent = {
      time: new Date('2026-12-01T10:00:00.000Z'),
      action: 'GetSecretValue',
      principal: 'arn:aws:iam::000000000000:user/secrets-workbench',
      accessKeyId: 'ASWBEXAMPLEKEYID',
      sourceIp: '127.0.0.1',
      userAgent: 'aws-sdk-js/3',
      secretId: 'prod/db',
      secretName: 'prod/db',
      secretArn: arn,
      versionId: 'v-1',
      versionStage: 'AWSPREVIOUS',
      source: 'local',
    };
    const wire = toCloudTrail(local, { region: 'eu-west-1', accountId: '000000000000' });
    assert.equal(wire.Username, 'secrets-workbench');
    assert.equal(wire.ReadOnly, 'true');
    assert.match(wire.EventId ?? '', /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const { secretName, ...rest } = local;
    assert.equal(secretName, 'prod/db');
    assert.deepEqual(fromCloudTrail(wire), { ...rest, source: 'cloudtrail' });
    assert.equal(
      toCloudTrail({ ...local, action: 'PutSecretValue' }, { region: 'eu-west-1', accountId: '0' }).ReadOnly,
      'false',
    );
  });
});
