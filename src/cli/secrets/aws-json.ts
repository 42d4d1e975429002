// `--json` output shaped like Secrets Manager's responses (PascalCase keys; dates as ISO 8601, as the AWS CLI
// prints them). Undefined fields are left out, as the service leaves them out.
import type {
  ListSecretVersionIdsOutput,
  SecretMetadata,
  SecretValue,
  SecretVersionEntry,
  Tag,
} from '../../core/store/index';

type Json = Record<string, unknown>;

const iso = (date: Date | undefined) => date?.toISOString();

function compact(object: Json): Json {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined));
}

export const awsTags = (tags: Tag[]) => tags.map((t) => ({ Key: t.key, Value: t.value }));

/** DescribeSecret / one ListSecrets entry. */
export function awsMetadata(m: SecretMetadata): Json {
  return compact({
    ARN: m.arn,
    Name: m.name,
    Description: m.description,
    KmsKeyId: m.kmsKeyId,
    RotationEnabled: m.rotationEnabled,
    RotationLambdaARN: m.rotationLambdaArn,
    RotationRules: m.rotationRules
      ? compact({
          AutomaticallyAfterDays: m.rotationRules.automaticallyAfterDays,
          ScheduleExpression: m.rotationRules.scheduleExpression,
          Duration: m.rotationRules.duration,
        })
      : undefined,
    LastRotatedDate: iso(m.lastRotatedDate),
    NextRotationDate: iso(m.nextRotationDate),
    LastChangedDate: iso(m.lastChangedDate),
    LastAccessedDate: iso(m.lastAccessedDate),
    DeletedDate: iso(m.deletedDate),
    Tags: awsTags(m.tags),
    VersionIdsToStages: m.versionIdsToStages,
    OwningService: m.owningService,
    CreatedDate: iso(m.createdDate),
    PrimaryRegion: m.primaryRegion,
  });
}

/** GetSecretValue. */
export function awsSecretValue(v: SecretValue): Json {
  return compact({
    ARN: v.arn,
    Name: v.name,
    VersionId: v.versionId,
    SecretBinary: v.secretBinary === undefined ? undefined : Buffer.from(v.secretBinary).toString('base64'),
    SecretString: v.secretString,
    VersionStages: v.versionStages,
    CreatedDate: iso(v.createdDate),
  });
}

export function awsVersionEntry(v: SecretVersionEntry): Json {
  return compact({
    VersionId: v.versionId,
    VersionStages: v.versionStages,
    LastAccessedDate: iso(v.lastAccessedDate),
    CreatedDate: iso(v.createdDate),
    KmsKeyIds: v.kmsKeyIds,
  });
}

/** ListSecretVersionIds (all pages merged). */
export function awsVersionList(out: ListSecretVersionIdsOutput): Json {
  return { Versions: out.versions.map(awsVersionEntry), ARN: out.arn, Name: out.name };
}

/** The reference most write operations return: ARN, Name and optionally VersionId / VersionStages / dates. */
export function awsRef(ref: {
  arn: string;
  name: string;
  versionId?: string;
  versionStages?: string[];
  deletionDate?: Date;
}): Json {
  return compact({
    ARN: ref.arn,
    Name: ref.name,
    VersionId: ref.versionId,
    VersionStages: ref.versionStages,
    DeletionDate: iso(ref.deletionDate),
  });
}
