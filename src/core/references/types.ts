// What the reference finder reports: where code, templates and config name a secret. Positions only, never a
// value: the index is safe to show anywhere.
import type { EnvMap } from '../env/env-map';

export type ReferenceKind =
  /** getSecret / get_secret / SecretsHelper.GetSecret: the fetch calls the quick fix writes. */
  | 'helper-call'
  /** An AWS SDK call with a SecretId literal. */
  | 'sdk-call'
  /** `{{resolve:secretsmanager:…}}` (CloudFormation, and anywhere else it is written). */
  | 'cloudformation'
  /** A Terraform `aws_secretsmanager_secret(_version)` data or ephemeral source. */
  | 'terraform'
  /** A `.env` line naming a secret (the quick fix's comment, or a `secretsmanager:` value). */
  | 'dotenv'
  /** An ECS-style `valueFrom: arn:aws:secretsmanager:…` mapping. */
  | 'ecs'
  /** Any other literal Secrets Manager ARN (compose `x-aws` secrets, IAM policies naming one secret, …). */
  | 'arn'
  /** An External Secrets Operator `remoteRef` / `extract` against an AWS Secrets Manager store. */
  | 'external-secret'
  /** A Secrets Store CSI driver `SecretProviderClass` (AWS provider) object of type `secretsmanager`. */
  | 'secret-provider-class'
  /** An environment read whose variable the project's `env` map names. */
  | 'env-read'
  /** An entry of an `env` map (`.secrets-workbench.json`, or `secretsWorkbench.env` in launch/tasks.json). */
  | 'env-map';

export interface SecretReference {
  /** The secret id exactly as written (a name or an ARN); for `env-read`, the id the env map gives. */
  secretId: string;
  kind: ReferenceKind;
  /**
   * 0-based line and character of the secret id's first character, and its length as written: the span a rename
   * replaces. For `env-read` it is the variable name's span instead (the id is not written there).
   */
  line: number;
  character: number;
  length: number;
  /** The JSON key read, where the reference names one. */
  jsonKey?: string;
  versionStage?: string;
  versionId?: string;
  path?: string;
  /** The environment variable the reference is read through or mapped to (env reads, env maps, .env lines). */
  envVariable?: string;
}

export interface FindOptions {
  /** The project's `env` map (variable → `name[#key]`): reads of these variables are references. */
  envMap?: EnvMap;
  /** Names of SecretStores/ClusterSecretStores known (from other files) to use AWS Secrets Manager. */
  secretsManagerStores?: readonly string[];
}

/** A reference before its position is turned into line/character: `offset` into the text. */
export interface RawReference extends Omit<SecretReference, 'line' | 'character' | 'path'> {
  offset: number;
}
