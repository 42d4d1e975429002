// `--json` output shaped like Secrets Manager's responses, with dates as ISO 8601 as the AWS CLI prints them.
import { awsShapes, compactJson, isoDate, type Json } from '../../core/store/aws-shapes';
import type { ListSecretVersionIdsOutput, SecretMetadata } from '../../core/store/index';

const shapes = awsShapes(isoDate);

/** DescribeSecret / one ListSecrets entry. */
export const awsMetadata = (m: SecretMetadata): Json => shapes.metadata(m);

/** GetSecretValue. */
export const awsSecretValue = shapes.secretValue;

/** ListSecretVersionIds (all pages merged). */
export function awsVersionList(out: ListSecretVersionIdsOutput): Json {
  return { Versions: out.versions.map(shapes.version), ARN: out.arn, Name: out.name };
}

/** The reference most write operations return: ARN, Name and optionally VersionId / VersionStages / dates. */
export function awsRef(ref: {
  arn: string;
  name: string;
  versionId?: string;
  versionStages?: string[];
  deletionDate?: Date;
}): Json {
  return compactJson({
    ARN: ref.arn,
    Name: ref.name,
    VersionId: ref.versionId,
    VersionStages: ref.versionStages,
    DeletionDate: shapes.date(ref.deletionDate),
  });
}
