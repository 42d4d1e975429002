// KMS key kind and replicas in words (#23): what the tree tooltip and the Rotation Health report show.
import { strict as assert } from 'node:assert';
import { secretTooltip } from '../../../src/core/explorer/present';
import { describeKey, describeReplicas, describeWithReplicas, keyKind } from '../../../src/core/posture/kms-replicas';
import { rotationReport } from '../../../src/core/posture/rotation-report';
import { MemoryStore } from '../../../src/core/store/index';
import { syntheticValue } from '../store/contract';

const cmk = 'arn:aws:kms:eu-west-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';

describe('KMS key and replicas in words', () => {
  it('tells the AWS-managed key (no id, or the aws/secretsmanager alias) from a customer-managed one', () => {
    assert.equal(keyKind(undefined), 'aws-managed');
    assert.equal(keyKind('alias/aws/secretsmanager'), 'aws-managed');
    assert.equal(keyKind('arn:aws:kms:us-east-1:123456789012:alias/aws/secretsmanager'), 'aws-managed');
    assert.equal(keyKind('alias/app'), 'customer-managed');
    assert.equal(keyKind(cmk), 'customer-managed');
    assert.equal(describeKey(undefined), 'AWS-managed (aws/secretsmanager)');
    assert.equal(describeKey(cmk), `customer-managed ${cmk}`);
  });

  it('lists replicas with status, a failure message, a customer-managed key and the last read', () => {
    assert.equal(describeReplicas(undefined), 'unknown');
    assert.equal(describeReplicas([]), 'none');
    assert.equal(
      describeReplicas([
        { region: 'eu-west-1', status: 'InSync', kmsKeyId: cmk, lastAccessedDate: new Date('2026-11-30T10:00:00Z') },
        {
          region: 'ap-south-1',
          status: 'Failed',
          kmsKeyId: 'alias/aws/secretsmanager',
          statusMessage: 'Replication failed: no key',
        },
        { region: 'ca-central-1', status: 'InProgress', statusMessage: 'Replication in progress' },
      ]),
      `eu-west-1 InSync, key ${cmk}, last read 2026-11-30; ap-south-1 Failed: Replication failed: no key; ca-central-1 InProgress`,
    );
  });

  it('the tooltip shows the key kind always, and replicas once described', () => {
    const base = {
      arn: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:app/db-AbCdEf',
      name: 'app/db',
      rotationEnabled: false,
      createdDate: new Date('2026-01-02T03:04:05Z'),
      tags: [],
      versionIdsToStages: {},
    };
    const listed = secretTooltip({ ...base, kmsKeyId: cmk });
    assert.match(listed, /KMS key: customer\\-managed arn:aws:kms:eu\\-west\\-1/);
    assert.doesNotMatch(listed, /Replicas/);
    assert.match(secretTooltip({ ...base, replicationStatus: [] }), /- Replicas: none/);
    const described = secretTooltip({ ...base, replicationStatus: [{ region: 'eu-west-1', status: 'Failed' }] });
    assert.ok(described.includes('- KMS key: AWS\\-managed \\(aws/secretsmanager\\)'), described);
    assert.match(described, /- Replicas: eu\\-west\\-1 Failed/);
  });

  it('describes each secret for its replicas, through the store API, keeping the listing entry when that fails', async () => {
    const store = new MemoryStore();
    await store.createSecret({ name: 'a', secretString: syntheticValue() });
    await store.createSecret({ name: 'b', secretString: syntheticValue() });
    await store.replicateSecretToRegions({
      secretId: 'a',
      addReplicaRegions: [{ region: 'eu-west-1', kmsKeyId: cmk }],
    });
    const { secrets } = await store.listSecrets();
    const gone = {
      ...secrets[1],
      arn: 'arn:aws:secretsmanager:us-east-1:000000000000:secret:gone-AbCdEf',
      name: 'gone',
    };
    const described = await describeWithReplicas(store, [...secrets, gone], 2);
    assert.deepEqual(
      described.map((s) => [s.name, s.replicationStatus?.map((r) => `${r.region} ${r.status}`)]),
      [
        ['a', ['eu-west-1 InSync']],
        ['b', []],
        ['gone', undefined],
      ],
    );
  });
});

describe('Rotation Health report: encryption and replicas', () => {
  it('adds a table of key kinds and replicas in the report order, only when described rows are given', async () => {
    const store = new MemoryStore();
    await store.createSecret({ name: 'app/cmk', secretString: syntheticValue(), kmsKeyId: cmk });
    await store.createSecret({ name: 'plain', secretString: syntheticValue() });
    await store.replicateSecretToRegions({ secretId: 'plain', addReplicaRegions: [{ region: 'eu-west-2' }] });
    const described = await describeWithReplicas(store, (await store.listSecrets()).secrets);
    const health = { state: 'healthy', reason: 'ok', remedy: 'none' } as const;
    const report = rotationReport(
      'aws',
      described.map((metadata) => ({ name: metadata.name, health, metadata })),
      new Date('2026-12-01T00:00:00Z'),
    );
    const table = report.slice(report.indexOf('## Encryption and replicas'));
    assert.deepEqual(table.trim().split('\n').slice(2), [
      '| secret | KMS key | replicas |',
      '| --- | --- | --- |',
      `| app/cmk | customer-managed ${cmk} | none |`,
      '| plain | AWS-managed (aws/secretsmanager) | eu-west-2 InSync |',
    ]);
    const withoutMetadata = rotationReport('local', [{ name: 'plain', health }], new Date());
    assert.doesNotMatch(withoutMetadata, /Encryption and replicas/);
  });
});
