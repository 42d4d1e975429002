// The secret-store model shared by every backend (local vault, AWS, in-memory) and the protocol server.
// Shapes mirror AWS Secrets Manager's API in camelCase, with precise optionality.
import type { StoreCapabilities } from './capabilities';

export const Stage = { current: 'AWSCURRENT', previous: 'AWSPREVIOUS', pending: 'AWSPENDING' } as const;

export interface Tag {
  key: string;
  value: string;
}

export interface RotationRules {
  automaticallyAfterDays?: number;
  /** `rate(…)` or `cron(…)`, as AWS accepts it. */
  scheduleExpression?: string;
  /** Rotation window length, e.g. `3h`. */
  duration?: string;
}

export type FilterKey = 'description' | 'name' | 'tag-key' | 'tag-value' | 'primary-region' | 'owning-service' | 'all';

export interface SecretFilter {
  key: FilterKey;
  /** OR-ed together; a leading `!` negates a value. */
  values: string[];
}

/** What ListSecrets and DescribeSecret return. Never holds a value. */
export interface SecretMetadata {
  arn: string;
  name: string;
  description?: string;
  kmsKeyId?: string;
  rotationEnabled: boolean;
  rotationLambdaArn?: string;
  rotationRules?: RotationRules;
  lastRotatedDate?: Date;
  nextRotationDate?: Date;
  lastChangedDate?: Date;
  lastAccessedDate?: Date;
  /** Set while the secret is scheduled for deletion: when deletion was requested. */
  deletedDate?: Date;
  /** When a scheduled deletion becomes permanent, where the backend knows it (the vault does). */
  deletionDate?: Date;
  createdDate: Date;
  tags: Tag[];
  /** VersionId → stages, for versions that carry at least one stage. */
  versionIdsToStages: Record<string, string[]>;
  owningService?: string;
  primaryRegion?: string;
  /** The secret's replicas in other regions. DescribeSecret only: ListSecrets does not report them. */
  replicationStatus?: ReplicaStatus[];
}

/** `InProgress` while the copy is made, `InSync` once made, `Failed` when it could not be (see statusMessage). */
export type ReplicaState = 'InSync' | 'InProgress' | 'Failed';

/** A replica of a secret in another region, as `ReplicationStatus` lists it. */
export interface ReplicaStatus {
  region: string;
  /** The replica's key; `alias/aws/secretsmanager` when none was chosen. */
  kmsKeyId?: string;
  status: ReplicaState;
  statusMessage?: string;
  lastAccessedDate?: Date;
}

export interface ReplicaRegion {
  region: string;
  /** Absent: the region's AWS-managed key (`aws/secretsmanager`). */
  kmsKeyId?: string;
}

export interface ReplicateSecretToRegionsInput {
  secretId: string;
  addReplicaRegions: ReplicaRegion[];
  /** Overwrite a secret of the same name in a destination region. */
  forceOverwriteReplicaSecret?: boolean;
}

export interface RemoveRegionsFromReplicationInput {
  secretId: string;
  removeReplicaRegions: string[];
}

/** The primary secret's ARN and its replicas after the change. */
export interface ReplicationOutput {
  arn: string;
  replicationStatus: ReplicaStatus[];
}

export interface ListSecretsInput {
  filters?: SecretFilter[];
  /** 1–100. */
  maxResults?: number;
  nextToken?: string;
  includePlannedDeletion?: boolean;
  sortOrder?: 'asc' | 'desc';
}

export interface ListSecretsOutput {
  secrets: SecretMetadata[];
  nextToken?: string;
}

export interface GetSecretValueInput {
  secretId: string;
  versionId?: string;
  versionStage?: string;
}

export interface SecretValue {
  arn: string;
  name: string;
  versionId: string;
  versionStages: string[];
  createdDate: Date;
  secretString?: string;
  secretBinary?: Uint8Array;
}

export type BatchGetSecretValueInput =
  | { secretIdList: string[]; filters?: undefined; maxResults?: undefined; nextToken?: undefined }
  | { filters: SecretFilter[]; secretIdList?: undefined; maxResults?: number; nextToken?: string };

export interface BatchGetError {
  secretId: string;
  errorCode: string;
  message: string;
}

export interface BatchGetSecretValueOutput {
  secretValues: SecretValue[];
  errors: BatchGetError[];
  nextToken?: string;
}

export interface SecretPayload {
  secretString?: string;
  secretBinary?: Uint8Array;
}

export interface CreateSecretInput extends SecretPayload {
  name: string;
  description?: string;
  kmsKeyId?: string;
  tags?: Tag[];
  clientRequestToken?: string;
}

export interface PutSecretValueInput extends SecretPayload {
  secretId: string;
  clientRequestToken?: string;
  /** Defaults to ['AWSCURRENT']. */
  versionStages?: string[];
}

export interface UpdateSecretInput extends SecretPayload {
  secretId: string;
  description?: string;
  kmsKeyId?: string;
  clientRequestToken?: string;
}

export interface UpdateSecretVersionStageInput {
  secretId: string;
  versionStage: string;
  moveToVersionId?: string;
  removeFromVersionId?: string;
}

export interface ListSecretVersionIdsInput {
  secretId: string;
  includeDeprecated?: boolean;
  maxResults?: number;
  nextToken?: string;
}

export interface SecretVersionEntry {
  versionId: string;
  versionStages: string[];
  createdDate: Date;
  lastAccessedDate?: Date;
  kmsKeyIds?: string[];
}

export interface ListSecretVersionIdsOutput {
  arn: string;
  name: string;
  versions: SecretVersionEntry[];
  nextToken?: string;
}

export interface RotateSecretInput {
  secretId: string;
  clientRequestToken?: string;
  rotationLambdaArn?: string;
  rotationRules?: RotationRules;
  /** Defaults to true. */
  rotateImmediately?: boolean;
}

export interface PutResourcePolicyInput {
  secretId: string;
  /** JSON text of the policy. */
  resourcePolicy: string;
  /** Refuse a policy that grants broad access (PublicPolicyException). */
  blockPublicPolicy?: boolean;
}

export interface ResourcePolicyOutput extends SecretRef {
  /** Absent when the secret has none. */
  resourcePolicy?: string;
}

export interface ValidateResourcePolicyInput {
  secretId?: string;
  resourcePolicy: string;
  /** Abandons the request (an editor validating as the user types); stores answering at once ignore it. */
  signal?: AbortSignal;
}

export interface DeleteSecretInput {
  secretId: string;
  /** 7–30, default 30. */
  recoveryWindowInDays?: number;
  forceDeleteWithoutRecovery?: boolean;
}

export interface RandomPasswordInput {
  passwordLength?: number;
  excludeCharacters?: string;
  excludeNumbers?: boolean;
  excludePunctuation?: boolean;
  excludeUppercase?: boolean;
  excludeLowercase?: boolean;
  includeSpace?: boolean;
  requireEachIncludedType?: boolean;
}

export interface SecretRef {
  arn: string;
  name: string;
}

export interface VersionRef extends SecretRef {
  versionId: string;
}

import type { PolicyValidation } from './resource-policy';
import type { RotationLogReader } from './rotation-steps';
import type { AccessEvent, SecretIdentity } from '../access/event';

export interface AccessEventsOptions {
  /** At most this many, the newest (default: the store's own cap). */
  limit?: number;
}

/** One interface for every backend. All errors are `SecretsError`s with AWS's error names. */
export interface SecretStore {
  /** What this store can do beyond the operations below (fronts read these, never the store's kind). */
  readonly capabilities: StoreCapabilities;
  /** Where its rotation functions log (CloudWatch Logs on AWS, the recorded steps locally); absent if nowhere. */
  readonly rotationLogs?: RotationLogReader;
  listSecrets(input?: ListSecretsInput): Promise<ListSecretsOutput>;
  describeSecret(secretId: string): Promise<SecretMetadata>;
  getSecretValue(input: GetSecretValueInput): Promise<SecretValue>;
  batchGetSecretValue(input: BatchGetSecretValueInput): Promise<BatchGetSecretValueOutput>;
  createSecret(input: CreateSecretInput): Promise<SecretRef & { versionId?: string }>;
  putSecretValue(input: PutSecretValueInput): Promise<VersionRef & { versionStages: string[] }>;
  updateSecret(input: UpdateSecretInput): Promise<SecretRef & { versionId?: string }>;
  updateSecretVersionStage(input: UpdateSecretVersionStageInput): Promise<SecretRef>;
  listSecretVersionIds(input: ListSecretVersionIdsInput): Promise<ListSecretVersionIdsOutput>;
  rotateSecret(input: RotateSecretInput): Promise<SecretRef & { versionId?: string }>;
  deleteSecret(input: DeleteSecretInput): Promise<SecretRef & { deletionDate: Date }>;
  restoreSecret(secretId: string): Promise<SecretRef>;
  tagResource(secretId: string, tags: Tag[]): Promise<void>;
  untagResource(secretId: string, tagKeys: string[]): Promise<void>;
  getResourcePolicy(secretId: string): Promise<ResourcePolicyOutput>;
  putResourcePolicy(input: PutResourcePolicyInput): Promise<SecretRef>;
  deleteResourcePolicy(secretId: string): Promise<SecretRef>;
  validateResourcePolicy(input: ValidateResourcePolicyInput): Promise<PolicyValidation>;
  replicateSecretToRegions(input: ReplicateSecretToRegionsInput): Promise<ReplicationOutput>;
  removeRegionsFromReplication(input: RemoveRegionsFromReplicationInput): Promise<ReplicationOutput>;
  getRandomPassword(input?: RandomPasswordInput): Promise<string>;
  /** Who called what on the secret, newest first; present where `capabilities.accessHistory` is. */
  accessEvents?(secret: SecretIdentity, options?: AccessEventsOptions): Promise<AccessEvent[]>;
}
