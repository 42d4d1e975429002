// SecretStore over the real AWS Secrets Manager API (@aws-sdk/client-secrets-manager).
import { awsCapabilities } from '../store/capabilities';
import {
  BatchGetSecretValueCommand,
  CreateSecretCommand,
  DeleteResourcePolicyCommand,
  DeleteSecretCommand,
  DescribeSecretCommand,
  GetRandomPasswordCommand,
  GetResourcePolicyCommand,
  GetSecretValueCommand,
  ListSecretVersionIdsCommand,
  ListSecretsCommand,
  PutResourcePolicyCommand,
  PutSecretValueCommand,
  RemoveRegionsFromReplicationCommand,
  ReplicateSecretToRegionsCommand,
  RestoreSecretCommand,
  RotateSecretCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateSecretCommand,
  UpdateSecretVersionStageCommand,
  ValidateResourcePolicyCommand,
  type DescribeSecretCommandOutput,
  type Filter,
  type ReplicationStatusType,
  type RotationRulesType,
  type SecretListEntry,
  type SecretsManagerClient,
  type SecretValueEntry,
} from '@aws-sdk/client-secrets-manager';
import { SecretsError } from '../store/errors';
import {
  type BatchGetSecretValueInput,
  type BatchGetSecretValueOutput,
  type CreateSecretInput,
  type DeleteSecretInput,
  type GetSecretValueInput,
  type ListSecretVersionIdsInput,
  type ListSecretVersionIdsOutput,
  type ListSecretsInput,
  type ListSecretsOutput,
  type PutResourcePolicyInput,
  type PutSecretValueInput,
  type RandomPasswordInput,
  type RemoveRegionsFromReplicationInput,
  type ReplicateSecretToRegionsInput,
  type ReplicationOutput,
  type ReplicaStatus,
  type ResourcePolicyOutput,
  type RotateSecretInput,
  type RotationRules,
  type SecretFilter,
  type SecretMetadata,
  type SecretRef,
  type SecretStore,
  type SecretValue,
  type Tag,
  type UpdateSecretInput,
  type UpdateSecretVersionStageInput,
  type ValidateResourcePolicyInput,
  type VersionRef,
  type AccessEventsOptions,
} from '../store/types';
import type { PolicyValidation } from '../store/resource-policy';
import { ValueCache, type ValueCacheOptions } from './cache';
import type { CloudWatchRotationLogs } from './logs';
import { waitForRotation, type RotationOutcome, type WaitForRotationOptions } from './rotation';
import type { CloudTrailClient } from '@aws-sdk/client-cloudtrail';
import type { AccessEvent, SecretIdentity } from '../access/event';
import { explainLookupFailure, lookupSecretAccess } from './cloudtrail';
import { explainCredentialFailure, explainRejectedCredentials, type CredentialSource } from './credentials';

export interface AwsSecretStoreOptions {
  /** Makes the CloudTrail client access history reads with (same credentials and region); made on first use. */
  cloudTrail?: () => CloudTrailClient;
  region: string;
  profile?: string;
  endpoint?: string;
  credentialSource: CredentialSource;
  cache?: ValueCacheOptions;
  /** The rotation Lambdas' logs (CloudWatch Logs). */
  rotationLogs?: CloudWatchRotationLogs;
}

export interface LambdaRotationRequest {
  secretId: string;
  /** Defaults to the Lambda already configured on the secret. */
  rotationLambdaArn?: string;
  /** AutomaticallyAfterDays or ScheduleExpression (with an optional Duration window). */
  rotationRules?: RotationRules;
  /** Defaults to true. */
  rotateImmediately?: boolean;
  clientRequestToken?: string;
}

/** Service errors that mean "your credentials are bad", not "your request is bad". */
const credentialErrorCodes = new Set([
  'ExpiredTokenException',
  'ExpiredToken',
  'UnrecognizedClientException',
  'InvalidClientTokenId',
  'InvalidSignatureException',
  'IncompleteSignatureException',
  'MissingAuthenticationTokenException',
]);

export class AwsSecretStore implements SecretStore {
  readonly capabilities = awsCapabilities;
  readonly region: string;
  readonly profile?: string;
  readonly endpoint?: string;
  private readonly cache: ValueCache;
  private readonly credentialSource: CredentialSource;
  readonly rotationLogs?: CloudWatchRotationLogs;
  private readonly makeCloudTrail?: () => CloudTrailClient;
  private cloudTrail?: CloudTrailClient;

  constructor(
    private readonly client: SecretsManagerClient,
    options: AwsSecretStoreOptions,
  ) {
    this.region = options.region;
    this.profile = options.profile;
    this.endpoint = options.endpoint;
    this.credentialSource = options.credentialSource;
    this.makeCloudTrail = options.cloudTrail;
    this.cache = new ValueCache(options.cache);
    this.rotationLogs = options.rotationLogs;
  }

  async listSecrets(input: ListSecretsInput = {}): Promise<ListSecretsOutput> {
    const out = await this.guard(() =>
      this.client.send(
        new ListSecretsCommand({
          Filters: toFilters(input.filters),
          MaxResults: input.maxResults,
          NextToken: input.nextToken,
          IncludePlannedDeletion: input.includePlannedDeletion,
          SortOrder: input.sortOrder,
        }),
      ),
    );
    // Not fed to the cache's stage map: ListSecrets is eventually consistent; DescribeSecret is the fresh view.
    return { secrets: (out.SecretList ?? []).map(fromListEntry), nextToken: out.NextToken };
  }

  async describeSecret(secretId: string): Promise<SecretMetadata> {
    const metadata = fromDescribe(
      await this.guard(() => this.client.send(new DescribeSecretCommand({ SecretId: secretId }))),
    );
    this.cache.rememberMetadata(metadata);
    return metadata;
  }

  async getSecretValue(input: GetSecretValueInput): Promise<SecretValue> {
    const cached = this.cache.lookup(input.secretId, input.versionId, input.versionStage);
    if (cached) return cached;
    const out = await this.guard(() =>
      this.client.send(
        new GetSecretValueCommand({
          SecretId: input.secretId,
          VersionId: input.versionId,
          VersionStage: input.versionStage,
        }),
      ),
    );
    const value = fromValueEntry(out);
    this.cache.rememberValue(value);
    return value;
  }

  async batchGetSecretValue(input: BatchGetSecretValueInput): Promise<BatchGetSecretValueOutput> {
    const out = await this.guard(() =>
      this.client.send(
        new BatchGetSecretValueCommand({
          SecretIdList: input.secretIdList,
          Filters: toFilters(input.filters),
          MaxResults: input.maxResults,
          NextToken: input.nextToken,
        }),
      ),
    );
    const secretValues = (out.SecretValues ?? []).map(fromValueEntry);
    for (const value of secretValues) this.cache.rememberValue(value);
    return {
      secretValues,
      errors: (out.Errors ?? []).map((e) => ({
        secretId: e.SecretId ?? '',
        errorCode: e.ErrorCode ?? 'InternalServiceError',
        message: e.Message ?? '',
      })),
      nextToken: out.NextToken,
    };
  }

  async createSecret(input: CreateSecretInput): Promise<SecretRef & { versionId?: string }> {
    const out = await this.guard(() =>
      this.client.send(
        new CreateSecretCommand({
          Name: input.name,
          Description: input.description,
          KmsKeyId: input.kmsKeyId,
          Tags: toTags(input.tags),
          ClientRequestToken: input.clientRequestToken,
          SecretString: input.secretString,
          SecretBinary: input.secretBinary,
        }),
      ),
    );
    this.cache.invalidate(input.name);
    return { arn: out.ARN!, name: out.Name!, versionId: out.VersionId };
  }

  async putSecretValue(input: PutSecretValueInput): Promise<VersionRef & { versionStages: string[] }> {
    const out = await this.write(input.secretId, () =>
      this.client.send(
        new PutSecretValueCommand({
          SecretId: input.secretId,
          ClientRequestToken: input.clientRequestToken,
          SecretString: input.secretString,
          SecretBinary: input.secretBinary,
          VersionStages: input.versionStages,
        }),
      ),
    );
    return { arn: out.ARN!, name: out.Name!, versionId: out.VersionId!, versionStages: out.VersionStages ?? [] };
  }

  async updateSecret(input: UpdateSecretInput): Promise<SecretRef & { versionId?: string }> {
    const out = await this.write(input.secretId, () =>
      this.client.send(
        new UpdateSecretCommand({
          SecretId: input.secretId,
          ClientRequestToken: input.clientRequestToken,
          Description: input.description,
          KmsKeyId: input.kmsKeyId,
          SecretString: input.secretString,
          SecretBinary: input.secretBinary,
        }),
      ),
    );
    return { arn: out.ARN!, name: out.Name!, versionId: out.VersionId };
  }

  async updateSecretVersionStage(input: UpdateSecretVersionStageInput): Promise<SecretRef> {
    const out = await this.write(input.secretId, () =>
      this.client.send(
        new UpdateSecretVersionStageCommand({
          SecretId: input.secretId,
          VersionStage: input.versionStage,
          MoveToVersionId: input.moveToVersionId,
          RemoveFromVersionId: input.removeFromVersionId,
        }),
      ),
    );
    return { arn: out.ARN!, name: out.Name! };
  }

  async listSecretVersionIds(input: ListSecretVersionIdsInput): Promise<ListSecretVersionIdsOutput> {
    const out = await this.guard(() =>
      this.client.send(
        new ListSecretVersionIdsCommand({
          SecretId: input.secretId,
          IncludeDeprecated: input.includeDeprecated,
          MaxResults: input.maxResults,
          NextToken: input.nextToken,
        }),
      ),
    );
    return {
      arn: out.ARN!,
      name: out.Name!,
      nextToken: out.NextToken,
      versions: (out.Versions ?? []).map((v) => ({
        versionId: v.VersionId!,
        versionStages: v.VersionStages ?? [],
        createdDate: v.CreatedDate!,
        lastAccessedDate: v.LastAccessedDate,
        kmsKeyIds: v.KmsKeyIds,
      })),
    };
  }

  async rotateSecret(input: RotateSecretInput): Promise<SecretRef & { versionId?: string }> {
    const out = await this.write(input.secretId, () =>
      this.client.send(
        new RotateSecretCommand({
          SecretId: input.secretId,
          ClientRequestToken: input.clientRequestToken,
          RotationLambdaARN: input.rotationLambdaArn,
          RotationRules: toRotationRules(input.rotationRules),
          RotateImmediately: input.rotateImmediately,
        }),
      ),
    );
    return { arn: out.ARN!, name: out.Name!, versionId: out.VersionId };
  }

  async deleteSecret(input: DeleteSecretInput): Promise<SecretRef & { deletionDate: Date }> {
    const out = await this.write(input.secretId, () =>
      this.client.send(
        new DeleteSecretCommand({
          SecretId: input.secretId,
          RecoveryWindowInDays: input.recoveryWindowInDays,
          ForceDeleteWithoutRecovery: input.forceDeleteWithoutRecovery,
        }),
      ),
    );
    return { arn: out.ARN!, name: out.Name!, deletionDate: out.DeletionDate! };
  }

  async restoreSecret(secretId: string): Promise<SecretRef> {
    const out = await this.write(secretId, () => this.client.send(new RestoreSecretCommand({ SecretId: secretId })));
    return { arn: out.ARN!, name: out.Name! };
  }

  async tagResource(secretId: string, tags: Tag[]): Promise<void> {
    await this.guard(() => this.client.send(new TagResourceCommand({ SecretId: secretId, Tags: toTags(tags) })));
  }

  async untagResource(secretId: string, tagKeys: string[]): Promise<void> {
    await this.guard(() => this.client.send(new UntagResourceCommand({ SecretId: secretId, TagKeys: tagKeys })));
  }

  async getResourcePolicy(secretId: string): Promise<ResourcePolicyOutput> {
    const out = await this.guard(() => this.client.send(new GetResourcePolicyCommand({ SecretId: secretId })));
    return { arn: out.ARN!, name: out.Name!, resourcePolicy: out.ResourcePolicy };
  }

  async putResourcePolicy(input: PutResourcePolicyInput): Promise<SecretRef> {
    const out = await this.guard(() =>
      this.client.send(
        new PutResourcePolicyCommand({
          SecretId: input.secretId,
          ResourcePolicy: input.resourcePolicy,
          BlockPublicPolicy: input.blockPublicPolicy,
        }),
      ),
    );
    return { arn: out.ARN!, name: out.Name! };
  }

  async deleteResourcePolicy(secretId: string): Promise<SecretRef> {
    const out = await this.guard(() => this.client.send(new DeleteResourcePolicyCommand({ SecretId: secretId })));
    return { arn: out.ARN!, name: out.Name! };
  }

  async validateResourcePolicy(input: ValidateResourcePolicyInput): Promise<PolicyValidation> {
    const out = await this.guard(() =>
      this.client.send(
        new ValidateResourcePolicyCommand({ SecretId: input.secretId, ResourcePolicy: input.resourcePolicy }),
        { abortSignal: input.signal },
      ),
    );
    return {
      policyValidationPassed: out.PolicyValidationPassed ?? false,
      validationErrors: (out.ValidationErrors ?? []).map((e) => ({
        checkName: e.CheckName ?? '',
        errorMessage: e.ErrorMessage ?? '',
      })),
    };
  }

  async replicateSecretToRegions(input: ReplicateSecretToRegionsInput): Promise<ReplicationOutput> {
    const out = await this.guard(() =>
      this.client.send(
        new ReplicateSecretToRegionsCommand({
          SecretId: input.secretId,
          AddReplicaRegions: input.addReplicaRegions.map((r) => ({ Region: r.region, KmsKeyId: r.kmsKeyId })),
          ForceOverwriteReplicaSecret: input.forceOverwriteReplicaSecret,
        }),
      ),
    );
    return { arn: out.ARN!, replicationStatus: fromReplication(out.ReplicationStatus) ?? [] };
  }

  async removeRegionsFromReplication(input: RemoveRegionsFromReplicationInput): Promise<ReplicationOutput> {
    const out = await this.guard(() =>
      this.client.send(
        new RemoveRegionsFromReplicationCommand({
          SecretId: input.secretId,
          RemoveReplicaRegions: input.removeReplicaRegions,
        }),
      ),
    );
    return { arn: out.ARN!, replicationStatus: fromReplication(out.ReplicationStatus) ?? [] };
  }

  async getRandomPassword(input: RandomPasswordInput = {}): Promise<string> {
    const out = await this.guard(() =>
      this.client.send(
        new GetRandomPasswordCommand({
          PasswordLength: input.passwordLength,
          ExcludeCharacters: input.excludeCharacters,
          ExcludeNumbers: input.excludeNumbers,
          ExcludePunctuation: input.excludePunctuation,
          ExcludeUppercase: input.excludeUppercase,
          ExcludeLowercase: input.excludeLowercase,
          IncludeSpace: input.includeSpace,
          RequireEachIncludedType: input.requireEachIncludedType,
        }),
      ),
    );
    return out.RandomPassword!;
  }

  /** Starts a Lambda rotation (configuring the Lambda and schedule if given). Follow with waitForRotation. */
  rotateWithLambda(request: LambdaRotationRequest): Promise<SecretRef & { versionId?: string }> {
    return this.rotateSecret({
      secretId: request.secretId,
      rotationLambdaArn: request.rotationLambdaArn,
      rotationRules: request.rotationRules,
      rotateImmediately: request.rotateImmediately ?? true,
      clientRequestToken: request.clientRequestToken,
    });
  }

  /** Polls DescribeSecret until AWSPENDING is cleared (success) or the time-out (stuck / timed out). */
  waitForRotation(secretId: string, options: WaitForRotationOptions = {}): Promise<RotationOutcome> {
    return waitForRotation(this, secretId, { ...options, beforePoll: () => this.cache.invalidate(secretId) });
  }

  /** Closes the SDK client's sockets. */
  destroy(): void {
    this.client.destroy();
    this.rotationLogs?.destroy();
    this.cloudTrail?.destroy();
  }

  /** CloudTrail LookupEvents on the secret's ARN (else name), newest first. */
  async accessEvents(secret: SecretIdentity, options: AccessEventsOptions = {}): Promise<AccessEvent[]> {
    if (!this.makeCloudTrail)
      throw new SecretsError('InvalidRequestException', 'This connection has no CloudTrail client.');
    this.cloudTrail ??= this.makeCloudTrail();
    try {
      return await lookupSecretAccess(this.cloudTrail, secret, options);
    } catch (error) {
      const name = (error as { name?: string }).name ?? '';
      throw credentialErrorCodes.has(name) ? this.translate(error) : explainLookupFailure(error);
    }
  }

  /** Drops cached values (of one secret, or all): the "Refresh" action. */
  invalidateCache(secretId?: string): void {
    if (secretId === undefined) this.cache.invalidate();
    else this.cache.invalidate(secretId);
  }

  private async write<T extends { ARN?: string; Name?: string }>(secretId: string, run: () => Promise<T>): Promise<T> {
    this.cache.invalidate(secretId);
    const out = await this.guard(run);
    this.cache.invalidate(...[secretId, out.ARN, out.Name].filter((id): id is string => id !== undefined));
    return out;
  }

  private async guard<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw this.translate(error);
    }
  }

  private translate(error: unknown): Error {
    if (error instanceof SecretsError) return error;
    const e = error as {
      name?: string;
      message?: string;
      code?: string;
      $metadata?: { attempts?: number; httpStatusCode?: number };
    };
    // The SDK puts $metadata on network failures too; only a service answer has an HTTP status.
    if (e?.$metadata?.httpStatusCode !== undefined && e.name) {
      if (credentialErrorCodes.has(e.name)) return explainRejectedCredentials(e.name, this.credentialSource);
      if (e.name === 'ThrottlingException') {
        return new SecretsError(
          e.name,
          `Secrets Manager is throttling requests (Rate exceeded), still after ${e.$metadata.attempts ?? 1} attempts. Try again shortly.`,
          { cause: error },
        );
      }
      return new SecretsError(e.name, e.message ?? e.name, { cause: error });
    }
    if (e?.name === 'CredentialsProviderError' || e?.name === 'TokenProviderError') {
      return explainCredentialFailure(error, this.credentialSource);
    }
    const where = this.endpoint ?? `Secrets Manager in ${this.region}`;
    const code = e?.code ?? e?.name ?? 'Error';
    return new SecretsError('NetworkError', `Cannot reach ${where} (${code}).`, { cause: error });
  }
}

function toFilters(filters: SecretFilter[] | undefined): Filter[] | undefined {
  return filters?.map((f) => ({ Key: f.key, Values: f.values }));
}

function toTags(tags: Tag[] | undefined) {
  return tags?.map((t) => ({ Key: t.key, Value: t.value }));
}

function toRotationRules(rules: RotationRules | undefined): RotationRulesType | undefined {
  if (!rules) return undefined;
  return {
    AutomaticallyAfterDays: rules.automaticallyAfterDays,
    ScheduleExpression: rules.scheduleExpression,
    Duration: rules.duration,
  };
}

function fromRotationRules(rules: RotationRulesType | undefined): RotationRules | undefined {
  if (!rules) return undefined;
  return compact({
    automaticallyAfterDays: rules.AutomaticallyAfterDays,
    scheduleExpression: rules.ScheduleExpression,
    duration: rules.Duration,
  });
}

function compact<T extends object>(object: T): T {
  for (const key of Object.keys(object) as (keyof T)[]) if (object[key] === undefined) delete object[key];
  return object;
}

type MetadataSource = Omit<SecretListEntry, 'SecretVersionsToStages'> & {
  stages?: Record<string, string[]>;
  ReplicationStatus?: ReplicationStatusType[];
};

function fromReplication(list: ReplicationStatusType[] | undefined): ReplicaStatus[] | undefined {
  return list?.map((r) =>
    compact({
      region: r.Region!,
      kmsKeyId: r.KmsKeyId,
      status: r.Status ?? 'InProgress', // AWS always sends it; the SDK types it optional
      statusMessage: r.StatusMessage,
      lastAccessedDate: r.LastAccessedDate,
    }),
  );
}

function fromMetadata(s: MetadataSource): SecretMetadata {
  return {
    arn: s.ARN!,
    name: s.Name!,
    description: s.Description,
    kmsKeyId: s.KmsKeyId,
    rotationEnabled: s.RotationEnabled ?? false,
    rotationLambdaArn: s.RotationLambdaARN,
    rotationRules: fromRotationRules(s.RotationRules),
    lastRotatedDate: s.LastRotatedDate,
    nextRotationDate: s.NextRotationDate,
    lastChangedDate: s.LastChangedDate,
    lastAccessedDate: s.LastAccessedDate,
    deletedDate: s.DeletedDate,
    createdDate: s.CreatedDate!,
    tags: (s.Tags ?? []).map((t) => ({ key: t.Key!, value: t.Value ?? '' })),
    versionIdsToStages: s.stages ?? {},
    owningService: s.OwningService,
    primaryRegion: s.PrimaryRegion,
    // absent rather than empty, as the engine reports a secret without replicas
    replicationStatus: s.ReplicationStatus?.length ? fromReplication(s.ReplicationStatus) : undefined,
  };
}

function fromListEntry(s: SecretListEntry): SecretMetadata {
  return fromMetadata({ ...s, stages: s.SecretVersionsToStages });
}

function fromDescribe(s: DescribeSecretCommandOutput): SecretMetadata {
  return fromMetadata({ ...s, stages: s.VersionIdsToStages });
}

function fromValueEntry(v: SecretValueEntry): SecretValue {
  return {
    arn: v.ARN!,
    name: v.Name!,
    versionId: v.VersionId!,
    versionStages: v.VersionStages ?? [],
    createdDate: v.CreatedDate!,
    secretString: v.SecretString,
    secretBinary: v.SecretBinary,
  };
}
