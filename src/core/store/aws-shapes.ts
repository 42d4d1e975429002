// Secrets Manager's response shapes (PascalCase keys, absent fields left out), shared by the protocol server
// (dates as epoch seconds, as AWS JSON 1.1 sends them) and the CLI's --json (ISO 8601, as the AWS CLI prints them).
import type { ReplicaStatus, RotationRules, SecretMetadata, SecretValue, SecretVersionEntry, Tag } from './types';

export type Json = Record<string, unknown>;
export type DateFormat = (date: Date) => number | string;

export const epochSeconds: DateFormat = (date) => date.getTime() / 1000;
export const isoDate: DateFormat = (date) => date.toISOString();

export function compactJson(object: Json): Json {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined));
}

const base64 = (bytes: Uint8Array | undefined) =>
  bytes === undefined ? undefined : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');

export function awsShapes(formatDate: DateFormat) {
  const date = (value: Date | undefined) => (value === undefined ? undefined : formatDate(value));
  const tags = (list: Tag[]): Json[] => list.map((t) => ({ Key: t.key, Value: t.value }));
  const rotationRules = (rules: RotationRules | undefined): Json | undefined =>
    rules &&
    compactJson({
      AutomaticallyAfterDays: rules.automaticallyAfterDays,
      ScheduleExpression: rules.scheduleExpression,
      Duration: rules.duration,
    });
  const replication = (list: ReplicaStatus[] | undefined): Json[] | undefined =>
    list?.map((r) =>
      compactJson({
        Region: r.region,
        KmsKeyId: r.kmsKeyId,
        Status: r.status,
        StatusMessage: r.statusMessage,
        LastAccessedDate: date(r.lastAccessedDate),
      }),
    );
  return {
    date,
    tags,
    /** ReplicationStatus lists (DescribeSecret, ReplicateSecretToRegions, RemoveRegionsFromReplication). */
    replication,
    /** DescribeSecret's shape; ListSecrets entries name the stage map `SecretVersionsToStages`. */
    metadata(m: SecretMetadata, stagesKey: 'VersionIdsToStages' | 'SecretVersionsToStages' = 'VersionIdsToStages') {
      return compactJson({
        ARN: m.arn,
        Name: m.name,
        Description: m.description,
        KmsKeyId: m.kmsKeyId,
        RotationEnabled: m.rotationEnabled,
        RotationLambdaARN: m.rotationLambdaArn,
        RotationRules: rotationRules(m.rotationRules),
        LastRotatedDate: date(m.lastRotatedDate),
        LastChangedDate: date(m.lastChangedDate),
        LastAccessedDate: date(m.lastAccessedDate),
        DeletedDate: date(m.deletedDate),
        NextRotationDate: date(m.nextRotationDate),
        Tags: tags(m.tags),
        [stagesKey]: m.versionIdsToStages,
        OwningService: m.owningService,
        CreatedDate: date(m.createdDate),
        PrimaryRegion: m.primaryRegion,
        ReplicationStatus: replication(m.replicationStatus),
      });
    },
    /** GetSecretValue. */
    secretValue(v: SecretValue): Json {
      return compactJson({
        ARN: v.arn,
        Name: v.name,
        VersionId: v.versionId,
        SecretBinary: base64(v.secretBinary),
        SecretString: v.secretString,
        VersionStages: v.versionStages,
        CreatedDate: date(v.createdDate),
      });
    },
    /** One ListSecretVersionIds entry. */
    version(v: SecretVersionEntry): Json {
      return compactJson({
        VersionId: v.versionId,
        VersionStages: v.versionStages,
        LastAccessedDate: date(v.lastAccessedDate),
        CreatedDate: date(v.createdDate),
        KmsKeyIds: v.kmsKeyIds,
      });
    },
  };
}
