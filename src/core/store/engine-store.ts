// A SecretStore over SecretsEngine. Subclasses decide where the state lives (memory, encrypted file).
import { engineCapabilities, type StoreCapabilities } from './capabilities';
import { SecretsEngine } from './engine';
import { invalidParameter, invalidRequest, SecretsError } from './errors';
import { generateRandomPassword } from './random-password';
import type {
  BatchGetSecretValueInput,
  BatchGetSecretValueOutput,
  CreateSecretInput,
  DeleteSecretInput,
  GetSecretValueInput,
  ListSecretVersionIdsInput,
  ListSecretVersionIdsOutput,
  ListSecretsInput,
  ListSecretsOutput,
  PutResourcePolicyInput,
  PutSecretValueInput,
  RandomPasswordInput,
  RemoveRegionsFromReplicationInput,
  ReplicateSecretToRegionsInput,
  ReplicationOutput,
  ResourcePolicyOutput,
  RotateSecretInput,
  SecretMetadata,
  SecretRef,
  SecretStore,
  SecretValue,
  Tag,
  UpdateSecretInput,
  UpdateSecretVersionStageInput,
  ValidateResourcePolicyInput,
  VersionRef,
} from './types';
import type { PolicyValidation } from './resource-policy';
import { functionNameOf, RotationStepLog, type RotationStep } from './rotation-steps';

export type { RotationStep };
export const rotationSteps: readonly RotationStep[] = ['createSecret', 'setSecret', 'testSecret', 'finishSecret'];

/** A stand-in for a rotation Lambda, run by backends that cannot invoke AWS Lambda. */
export type RotationFunction = (
  store: SecretStore,
  request: { secretId: string; clientRequestToken: string; step: RotationStep },
) => Promise<void>;

export interface EngineStoreOptions {
  /** Resolves a Lambda ARN to a local rotation function; without one, RotateSecret cannot run immediately. */
  rotationFunction?: (lambdaArn: string) => RotationFunction | undefined;
  /** Where rotation steps are recorded (default: a new log on the engine's clock). */
  rotationLog?: RotationStepLog;
  /** The engine's clock (for the step records). */
  now?: () => number;
}

export abstract class EngineStore implements SecretStore {
  private readonly runningRotations = new Set<Promise<void>>();

  /** The engine's; a rotation Lambda runs only where a function resolves ARNs (the served test store). */
  readonly capabilities: StoreCapabilities;
  /** Each step of the rotations run here (simulated Lambdas, generated values), read as log events. */
  readonly rotationLogs: RotationStepLog;

  constructor(
    protected readonly options: EngineStoreOptions = {},
    /** What a subclass adds (the vault: its access log). */
    more: Partial<StoreCapabilities> = {},
  ) {
    this.capabilities = { ...engineCapabilities, rotationLambda: options.rotationFunction !== undefined, ...more };
    this.rotationLogs = options.rotationLog ?? new RotationStepLog({ now: options.now });
  }

  /** Runs `fn` on a consistent state; the state is not persisted. */
  protected abstract read<T>(fn: (engine: SecretsEngine) => T): Promise<T>;
  /** Runs `fn` on the freshest state and persists the result atomically before resolving. */
  protected abstract write<T>(fn: (engine: SecretsEngine) => T): Promise<T>;

  listSecrets(input?: ListSecretsInput): Promise<ListSecretsOutput> {
    return this.read((e) => e.listSecrets(input));
  }

  describeSecret(secretId: string): Promise<SecretMetadata> {
    return this.read((e) => e.describeSecret(secretId));
  }

  getSecretValue(input: GetSecretValueInput): Promise<SecretValue> {
    return this.read((e) => e.getSecretValue(input));
  }

  async batchGetSecretValue(input: BatchGetSecretValueInput): Promise<BatchGetSecretValueOutput> {
    return batchGetOneByOne(this, input);
  }

  createSecret(input: CreateSecretInput): Promise<SecretRef & { versionId?: string }> {
    return this.write((e) => e.createSecret(input));
  }

  putSecretValue(input: PutSecretValueInput): Promise<VersionRef & { versionStages: string[] }> {
    return this.write((e) => e.putSecretValue(input));
  }

  updateSecret(input: UpdateSecretInput): Promise<SecretRef & { versionId?: string }> {
    return this.write((e) => e.updateSecret(input));
  }

  updateSecretVersionStage(input: UpdateSecretVersionStageInput): Promise<SecretRef> {
    return this.write((e) => e.updateSecretVersionStage(input));
  }

  listSecretVersionIds(input: ListSecretVersionIdsInput): Promise<ListSecretVersionIdsOutput> {
    return this.read((e) => e.listSecretVersionIds(input));
  }

  async rotateSecret(input: RotateSecretInput): Promise<SecretRef & { versionId?: string }> {
    const immediately = input.rotateImmediately ?? true;
    const lambdaArn =
      input.rotationLambdaArn ?? (await this.read((e) => e.describeSecret(input.secretId).rotationLambdaArn));
    const fn = lambdaArn ? this.options.rotationFunction?.(lambdaArn) : undefined;
    if (lambdaArn && immediately && !fn) {
      throw invalidRequest(
        `This store cannot invoke the rotation function ${lambdaArn}. Rotate with a generated value instead.`,
      );
    }
    const result = await this.write((e) => e.configureRotation(input));
    if (fn && lambdaArn && result.versionId) {
      this.track(this.runRotation(fn, functionNameOf(lambdaArn), result.arn, result.versionId));
    }
    return result;
  }

  getResourcePolicy(secretId: string): Promise<ResourcePolicyOutput> {
    return this.read((e) => e.getResourcePolicy(secretId));
  }

  putResourcePolicy(input: PutResourcePolicyInput): Promise<SecretRef> {
    return this.write((e) => e.putResourcePolicy(input));
  }

  deleteResourcePolicy(secretId: string): Promise<SecretRef> {
    return this.write((e) => e.deleteResourcePolicy(secretId));
  }

  validateResourcePolicy(input: ValidateResourcePolicyInput): Promise<PolicyValidation> {
    return this.read((e) => e.validateResourcePolicy(input));
  }

  replicateSecretToRegions(input: ReplicateSecretToRegionsInput): Promise<ReplicationOutput> {
    return this.write((e) => e.replicateSecretToRegions(input));
  }

  removeRegionsFromReplication(input: RemoveRegionsFromReplicationInput): Promise<ReplicationOutput> {
    return this.write((e) => e.removeRegionsFromReplication(input));
  }

  deleteSecret(input: DeleteSecretInput): Promise<SecretRef & { deletionDate: Date }> {
    return this.write((e) => e.deleteSecret(input));
  }

  restoreSecret(secretId: string): Promise<SecretRef> {
    return this.write((e) => e.restoreSecret(secretId));
  }

  tagResource(secretId: string, tags: Tag[]): Promise<void> {
    return this.write((e) => e.tagResource(secretId, tags));
  }

  untagResource(secretId: string, tagKeys: string[]): Promise<void> {
    return this.write((e) => e.untagResource(secretId, tagKeys));
  }

  async getRandomPassword(input?: RandomPasswordInput): Promise<string> {
    return generateRandomPassword(input);
  }

  /** Resolves when every rotation started so far has finished (for tests and clean shutdown). */
  async settled(): Promise<void> {
    await Promise.allSettled([...this.runningRotations]);
  }

  private async runRotation(
    fn: RotationFunction,
    functionName: string,
    secretArn: string,
    clientRequestToken: string,
  ): Promise<void> {
    for (const step of rotationSteps) {
      const request = { secretId: secretArn, clientRequestToken, step };
      await this.rotationLogs.run({ functionName, secretArn, clientRequestToken, step }, () => fn(this, request));
    }
    await this.write((e) => e.markRotated(secretArn));
  }

  private track(rotation: Promise<void>): void {
    // A failed rotation leaves AWSPENDING behind, exactly as a failed Lambda does; nothing to rethrow.
    const tracked = rotation.catch(() => undefined).finally(() => this.runningRotations.delete(tracked));
    this.runningRotations.add(tracked);
  }
}

/** BatchGetSecretValue for stores without a native bulk read: per-secret errors are collected, not thrown. */
export async function batchGetOneByOne(
  store: SecretStore,
  input: BatchGetSecretValueInput,
): Promise<BatchGetSecretValueOutput> {
  if (input.secretIdList && input.filters) {
    throw invalidParameter('Specify either SecretIdList or Filters, not both.');
  }
  let ids: string[];
  let nextToken: string | undefined;
  if (input.secretIdList) {
    if (input.secretIdList.length < 1 || input.secretIdList.length > 20) {
      throw invalidParameter('SecretIdList must hold 1 to 20 secret ids.');
    }
    ids = input.secretIdList;
  } else {
    const page = await store.listSecrets({
      filters: input.filters,
      maxResults: input.maxResults ?? 20,
      nextToken: input.nextToken,
    });
    ids = page.secrets.map((s) => s.arn);
    nextToken = page.nextToken;
  }
  const output: BatchGetSecretValueOutput = { secretValues: [], errors: [], nextToken };
  for (const secretId of ids) {
    try {
      output.secretValues.push(await store.getSecretValue({ secretId }));
    } catch (error) {
      if (!(error instanceof SecretsError)) throw error;
      output.errors.push({ secretId, errorCode: error.code, message: error.message });
    }
  }
  return output;
}
