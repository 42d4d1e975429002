// Whether a secret's metadata says it holds a database credential, without reading its value: the tree
// computes its menus eagerly for every secret listed, and reading each value for that would be one
// GetSecretValue per secret shown (and a value read for nothing).
import type { SecretMetadata } from '../store/types';

/** The tag a user puts on a hand-made credential secret to get the database commands. */
export const DATABASE_TAG = 'secrets-workbench:database';

const OWNING_SERVICES = /^(rds|redshift|docdb|documentdb)$/i;
// RDS/Redshift-managed secrets (`rds!db-…`, `rds!cluster-…`, `redshift!…`)
const MANAGED_NAME = /^(rds|redshift|docdb)!/i;
const SERVICE_TAG = /^aws:(rds|redshift|docdb):/i;
// The rotation functions AWS's templates deploy (SecretsManagerRDSPostgreSQLRotationSingleUser, …)
const ROTATION_TEMPLATE = /SecretsManager(RDS|Redshift|MongoDB|DocumentDB|Aurora)/i;

export function looksLikeDatabaseSecret(
  secret: Pick<SecretMetadata, 'name' | 'tags' | 'owningService' | 'rotationLambdaArn'>,
): boolean {
  return (
    OWNING_SERVICES.test(secret.owningService ?? '') ||
    MANAGED_NAME.test(secret.name) ||
    secret.tags.some((tag) => tag.key === DATABASE_TAG || SERVICE_TAG.test(tag.key)) ||
    ROTATION_TEMPLATE.test(secret.rotationLambdaArn ?? '')
  );
}
