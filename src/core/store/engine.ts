// AWS Secrets Manager's rules over a plain StoreState. Synchronous and pure apart from the injected
// clock and randomness, so the memory store, the vault and the protocol server share one implementation.
import { randomBytes, randomUUID } from 'node:crypto';
import { invalidParameter, invalidRequest, notFound, exists } from './errors';
import type { SecretRecord, StoreState, VersionRecord } from './state';
import {
  grantsPublicAccess,
  parsePolicy,
  publicPolicy,
  validatePolicy,
  type PolicyValidation,
} from './resource-policy';
import { addReplicas, refuseDeletingReplicated, removeReplicas, replicationStatus } from './replication';
import {
  Stage,
  type CreateSecretInput,
  type DeleteSecretInput,
  type GetSecretValueInput,
  type ListSecretVersionIdsInput,
  type ListSecretVersionIdsOutput,
  type ListSecretsInput,
  type ListSecretsOutput,
  type PutResourcePolicyInput,
  type PutSecretValueInput,
  type RemoveRegionsFromReplicationInput,
  type ReplicateSecretToRegionsInput,
  type ReplicationOutput,
  type ResourcePolicyOutput,
  type RotateSecretInput,
  type SecretFilter,
  type SecretMetadata,
  type SecretPayload,
  type SecretRef,
  type SecretValue,
  type Tag,
  type UpdateSecretInput,
  type UpdateSecretVersionStageInput,
  type ValidateResourcePolicyInput,
  type VersionRef,
} from './types';
import {
  validateClientRequestToken,
  validateMaxResults,
  validatePayload,
  validateRecoveryWindow,
  validateSecretName,
} from './validation';

const day = 24 * 60 * 60 * 1000;
/** AWS keeps the 100 most recent versions plus every version younger than 24 hours. */
export const versionRetention = { count: 100, ageMs: day } as const;
const maxTags = 50;

export interface EngineOptions {
  region?: string;
  accountId?: string;
  now?: () => number;
  newVersionId?: () => string;
  /** Keeps sorted listings between calls; the engine clears it on every change it makes. */
  listings?: ListingCache;
}

/**
 * Sorted, filtered listings of one state, so paging is O(page) per call. Valid while the state object is the
 * same and nothing changed it: the engine clears it on each write, and stores clear it when they change the
 * state themselves.
 */
export class ListingCache {
  private owner: object | undefined;
  private readonly entries = new Map<string, SecretRecord[]>();

  get(owner: object, key: string, build: () => SecretRecord[]): SecretRecord[] {
    if (owner !== this.owner) this.clear();
    this.owner = owner;
    let order = this.entries.get(key);
    if (!order) {
      if (this.entries.size >= 8) this.entries.clear(); // a handful of filter sets at a time is plenty
      order = build();
      this.entries.set(key, order);
    }
    return order;
  }

  clear(): void {
    this.owner = undefined;
    this.entries.clear();
  }
}

export class SecretsEngine {
  readonly region: string;
  readonly accountId: string;
  private readonly now: () => number;
  private readonly newVersionId: () => string;
  private readonly listings: ListingCache | undefined;

  constructor(
    readonly state: StoreState,
    options: EngineOptions = {},
  ) {
    this.region = options.region ?? 'us-east-1';
    this.accountId = options.accountId ?? '000000000000';
    this.now = options.now ?? Date.now;
    this.newVersionId = options.newVersionId ?? randomUUID;
    this.listings = options.listings;
  }

  /** Removes secrets whose recovery window has passed. Returns whether anything changed. */
  purgeExpired(): boolean {
    this.listings?.clear();
    const now = this.now();
    let changed = false;
    for (const [name, secret] of Object.entries(this.state.secrets)) {
      // Stryker disable next-line ConditionalExpression: equivalent, undefined <= now is false too
      if (secret.deletionDate !== undefined && secret.deletionDate <= now) {
        delete this.state.secrets[name];
        changed = true;
      }
    }
    return changed;
  }

  /**
   * One page in O(page + log N): the filtered, sorted listing is built once (O(N log N)) and kept in the
   * store's ListingCache until a write; NextToken is a cursor (the last key returned), so a page starts right
   * after it by binary search, and a listing rebuilt between pages neither repeats nor skips a secret.
   */
  listSecrets(input: ListSecretsInput = {}): ListSecretsOutput {
    const pageSize = validateMaxResults(input.maxResults);
    const cursor = decodeCursor(input.nextToken);
    const order = this.listing(input);
    const descending = input.sortOrder === 'desc';
    const page: SecretRecord[] = [];
    if (descending) {
      let i = cursor ? firstAfter(order, cursor) - 1 : order.length - 1;
      // firstAfter skips keys <= cursor; step back over the cursor itself.
      if (cursor && i >= 0 && compareKey(order[i], cursor) === 0) i--;
      for (; i >= 0 && page.length < pageSize; i--) page.push(order[i]);
      const more = i >= 0;
      return { secrets: page.map((s) => this.listEntry(s)), nextToken: more ? encodeCursor(page.at(-1)!) : undefined };
    }
    let i = cursor ? firstAfter(order, cursor) : 0;
    for (; i < order.length && page.length < pageSize; i++) page.push(order[i]);
    const more = i < order.length;
    return { secrets: page.map((s) => this.listEntry(s)), nextToken: more ? encodeCursor(page.at(-1)!) : undefined };
  }

  /** The secrets a listing shows, filtered once and sorted by (createdDate, name), from the cache when it holds them. */
  private listing(input: ListSecretsInput): SecretRecord[] {
    const build = () =>
      Object.values(this.state.secrets)
        .filter((s) => input.includePlannedDeletion || s.deletedDate === undefined)
        .filter((s) => (input.filters ?? []).every((f) => matchesFilter(s, f, this.region)))
        .sort(compareKey);
    if (!this.listings) return build();
    const key = JSON.stringify([input.includePlannedDeletion ?? false, input.filters ?? []]);
    return this.listings.get(this.state.secrets, key, build);
  }

  describeSecret(secretId: string): SecretMetadata {
    return this.metadata(this.find(secretId));
  }

  getSecretValue(input: GetSecretValueInput): SecretValue {
    const secret = this.findReadable(input.secretId);
    const version = selectVersion(secret, input.versionId, input.versionStage);
    const today = startOfDay(this.now());
    version.lastAccessedDate = today;
    secret.lastAccessedDate = today;
    return toValue(secret, version);
  }

  createSecret(input: CreateSecretInput): SecretRef & { versionId?: string } {
    this.listings?.clear();
    validateSecretName(input.name);
    validateClientRequestToken(input.clientRequestToken);
    const hasValue = validatePayload(input, false);
    validateTags(input.tags ?? []);
    const existing = ownSecret(this.state, input.name);
    if (existing?.deletedDate !== undefined) {
      throw invalidRequest(
        `You can't create this secret because a secret with this name is already scheduled for deletion.`,
      );
    }
    if (existing) throw exists(`The operation failed because the secret ${input.name} already exists.`);
    const now = this.now();
    const secret: SecretRecord = {
      arn: `arn:aws:secretsmanager:${this.region}:${this.accountId}:secret:${input.name}-${arnSuffix()}`,
      name: input.name,
      description: input.description,
      kmsKeyId: input.kmsKeyId,
      tags: dedupeTags(input.tags ?? []),
      createdDate: now,
      lastChangedDate: now,
      versions: [],
    };
    setSecret(this.state, secret);
    if (!hasValue) return { arn: secret.arn, name: secret.name };
    const version = this.addVersion(secret, input, input.clientRequestToken, [Stage.current]);
    return { arn: secret.arn, name: secret.name, versionId: version.versionId };
  }

  putSecretValue(input: PutSecretValueInput): VersionRef & { versionStages: string[] } {
    this.listings?.clear();
    validateClientRequestToken(input.clientRequestToken);
    validatePayload(input, true);
    const secret = this.findReadable(input.secretId, 'put a value in');
    const stages = input.versionStages ?? [Stage.current];
    validateStages(stages);
    const version = this.addVersion(secret, input, input.clientRequestToken, stages);
    return { arn: secret.arn, name: secret.name, versionId: version.versionId, versionStages: [...version.stages] };
  }

  updateSecret(input: UpdateSecretInput): SecretRef & { versionId?: string } {
    this.listings?.clear();
    validateClientRequestToken(input.clientRequestToken);
    const hasValue = validatePayload(input, false);
    const secret = this.findReadable(input.secretId, 'update');
    if (input.description !== undefined) secret.description = input.description;
    if (input.kmsKeyId !== undefined) secret.kmsKeyId = input.kmsKeyId;
    secret.lastChangedDate = this.now();
    if (!hasValue) return { arn: secret.arn, name: secret.name };
    const version = this.addVersion(secret, input, input.clientRequestToken, [Stage.current]);
    return { arn: secret.arn, name: secret.name, versionId: version.versionId };
  }

  updateSecretVersionStage(input: UpdateSecretVersionStageInput): SecretRef {
    this.listings?.clear();
    const secret = this.findReadable(input.secretId, 'update a staging label of');
    validateStages([input.versionStage]);
    const holder = secret.versions.find((v) => v.stages.includes(input.versionStage));
    const target = input.moveToVersionId === undefined ? undefined : findVersion(secret, input.moveToVersionId);
    if (input.removeFromVersionId !== undefined) {
      findVersion(secret, input.removeFromVersionId);
      if (holder?.versionId !== input.removeFromVersionId) {
        throw invalidParameter(
          `The staging label ${input.versionStage} is not attached to version ${input.removeFromVersionId}.`,
        );
      }
    }
    if (!target) {
      if (input.removeFromVersionId === undefined) {
        throw invalidParameter('You must specify MoveToVersionId, RemoveFromVersionId, or both.');
      }
      if (input.versionStage === Stage.current) {
        throw invalidParameter('You can only move the AWSCURRENT label to another version; it cannot be removed.');
      }
      removeStage(holder!, input.versionStage);
    } else if (holder !== target) {
      if (holder && input.removeFromVersionId === undefined) {
        throw invalidParameter(
          `The staging label ${input.versionStage} is currently attached to version ${holder.versionId}, ` +
            'so you must explicitly reference that version in RemoveFromVersionId.',
        );
      }
      this.attachStage(secret, target, input.versionStage);
    }
    secret.lastChangedDate = this.now();
    this.prune(secret);
    return { arn: secret.arn, name: secret.name };
  }

  listSecretVersionIds(input: ListSecretVersionIdsInput): ListSecretVersionIdsOutput {
    const pageSize = validateMaxResults(input.maxResults);
    const secret = this.find(input.secretId);
    const versions = secret.versions
      .filter((v) => input.includeDeprecated || v.stages.length > 0)
      // Stryker disable next-line MethodExpression: equivalent, filter() already returned a new array
      .slice()
      .reverse(); // newest first, as the service returns them
    const start = decodeToken(input.nextToken);
    const page = versions.slice(start, start + pageSize).map((v) => ({
      versionId: v.versionId,
      versionStages: [...v.stages],
      createdDate: new Date(v.createdDate),
      lastAccessedDate: optionalDate(v.lastAccessedDate),
    }));
    const next = start + pageSize < versions.length ? encodeToken(start + pageSize) : undefined;
    return { arn: secret.arn, name: secret.name, versions: page, nextToken: next };
  }

  /**
   * Validates and records a rotation request. Returns the token the rotation function must use.
   * Invoking the function is the caller's job: only some backends can run one.
   */
  configureRotation(input: RotateSecretInput): SecretRef & { versionId?: string } {
    this.listings?.clear();
    validateClientRequestToken(input.clientRequestToken);
    const secret = this.findReadable(input.secretId, 'rotate');
    const lambdaArn = input.rotationLambdaArn ?? secret.rotationLambdaArn;
    if (!lambdaArn) {
      throw invalidRequest('No Lambda rotation function ARN is associated with this secret.');
    }
    const days = input.rotationRules?.automaticallyAfterDays;
    if (days !== undefined && (!Number.isInteger(days) || days < 1 || days > 1000)) {
      throw invalidParameter('AutomaticallyAfterDays must be between 1 and 1000.');
    }
    const immediately = input.rotateImmediately ?? true;
    const pending = secret.versions.find((v) => v.stages.includes(Stage.pending));
    if (immediately && pending && !pending.stages.includes(Stage.current)) {
      throw invalidRequest(
        `A previous rotation isn't complete: version ${pending.versionId} is still AWSPENDING. ` +
          'Finish or clear that rotation first.',
      );
    }
    secret.rotationEnabled = true;
    secret.rotationLambdaArn = lambdaArn;
    if (input.rotationRules) secret.rotationRules = { ...input.rotationRules };
    if (days !== undefined) secret.nextRotationDate = this.now() + days * day;
    secret.lastChangedDate = this.now();
    return immediately
      ? { arn: secret.arn, name: secret.name, versionId: input.clientRequestToken ?? this.newVersionId() }
      : { arn: secret.arn, name: secret.name };
  }

  /** Records a finished rotation (the rotation function's finishSecret step calls this). */
  markRotated(secretId: string): void {
    this.listings?.clear();
    const secret = this.find(secretId);
    secret.lastRotatedDate = this.now();
    const days = secret.rotationRules?.automaticallyAfterDays;
    if (days !== undefined) secret.nextRotationDate = this.now() + days * day;
  }

  deleteSecret(input: DeleteSecretInput): SecretRef & { deletionDate: Date } {
    this.listings?.clear();
    const window = validateRecoveryWindow(input.recoveryWindowInDays, input.forceDeleteWithoutRecovery);
    const secret = this.find(input.secretId);
    refuseDeletingReplicated(secret);
    const now = this.now();
    if (window === undefined) {
      delete this.state.secrets[secret.name];
      return { arn: secret.arn, name: secret.name, deletionDate: new Date(now) };
    }
    if (secret.deletedDate !== undefined) {
      throw invalidRequest(`You can't delete secret ${secret.name} because it's already scheduled for deletion.`);
    }
    secret.deletedDate = now;
    secret.deletionDate = now + window * day;
    return { arn: secret.arn, name: secret.name, deletionDate: new Date(secret.deletionDate) };
  }

  restoreSecret(secretId: string): SecretRef {
    this.listings?.clear();
    const secret = this.find(secretId);
    delete secret.deletedDate;
    delete secret.deletionDate;
    secret.lastChangedDate = this.now();
    return { arn: secret.arn, name: secret.name };
  }

  tagResource(secretId: string, tags: Tag[]): void {
    this.listings?.clear();
    const secret = this.findReadable(secretId, 'tag');
    validateTags(tags);
    const merged = new Map(secret.tags.map((t) => [t.key, t.value]));
    for (const tag of tags) merged.set(tag.key, tag.value);
    if (merged.size > maxTags) throw invalidParameter(`A secret can have at most ${maxTags} tags.`);
    secret.tags = [...merged].map(([key, value]) => ({ key, value }));
    secret.lastChangedDate = this.now();
  }

  untagResource(secretId: string, tagKeys: string[]): void {
    this.listings?.clear();
    const secret = this.findReadable(secretId, 'untag');
    secret.tags = secret.tags.filter((t) => !tagKeys.includes(t.key));
    secret.lastChangedDate = this.now();
  }

  getResourcePolicy(secretId: string): ResourcePolicyOutput {
    const secret = this.find(secretId);
    return { arn: secret.arn, name: secret.name, resourcePolicy: secret.resourcePolicy };
  }

  /** Stores the policy only when IAM would accept it (and, if asked, when it grants no broad access). */
  putResourcePolicy(input: PutResourcePolicyInput): SecretRef {
    const secret = this.findReadable(input.secretId, 'attach a resource policy to');
    const policy = parsePolicy(input.resourcePolicy);
    if (input.blockPublicPolicy && grantsPublicAccess(policy)) throw publicPolicy();
    this.listings?.clear();
    secret.resourcePolicy = input.resourcePolicy;
    return { arn: secret.arn, name: secret.name };
  }

  deleteResourcePolicy(secretId: string): SecretRef {
    const secret = this.findReadable(secretId, 'delete the resource policy of');
    this.listings?.clear();
    delete secret.resourcePolicy;
    return { arn: secret.arn, name: secret.name };
  }

  validateResourcePolicy(input: ValidateResourcePolicyInput): PolicyValidation {
    if (input.secretId !== undefined) this.find(input.secretId);
    return validatePolicy(input.resourcePolicy);
  }

  replicateSecretToRegions(input: ReplicateSecretToRegionsInput): ReplicationOutput {
    const secret = this.findReadable(input.secretId, 'replicate');
    const status = addReplicas(secret, this.region, input);
    this.listings?.clear();
    secret.lastChangedDate = this.now();
    return { arn: secret.arn, replicationStatus: status };
  }

  removeRegionsFromReplication(input: RemoveRegionsFromReplicationInput): ReplicationOutput {
    const secret = this.findReadable(input.secretId, 'remove replicas of');
    const status = removeReplicas(secret, input);
    this.listings?.clear();
    secret.lastChangedDate = this.now();
    return { arn: secret.arn, replicationStatus: status };
  }

  /** Finds a secret by name, full ARN or partial ARN (the ARN without its random suffix). */
  find(secretId: string): SecretRecord {
    const byName = ownSecret(this.state, secretId);
    if (byName) return byName;
    // Names never contain ':', so the name is whatever follows ':secret:' (minus the suffix for a full ARN).
    // Stryker disable next-line StringLiteral,UnaryOperator: equivalent, names hold no ':' and the ARN comparisons below decide
    const marker = secretId.startsWith('arn:') ? secretId.indexOf(':secret:') : -1;
    // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent, an id without ':secret:' fails both ARN comparisons
    if (marker >= 0) {
      const tail = secretId.slice(marker + ':secret:'.length);
      const full = ownSecret(this.state, tail.slice(0, -7));
      if (full?.arn === secretId) return full;
      const partial = ownSecret(this.state, tail);
      if (partial && partial.arn.slice(0, -7) === secretId) return partial;
    }
    throw notFound("Secrets Manager can't find the specified secret.");
  }

  private findReadable(secretId: string, action = 'access'): SecretRecord {
    const secret = this.find(secretId);
    if (secret.deletedDate !== undefined) {
      throw invalidRequest(`You can't ${action} secret ${secret.name} because it was marked for deletion.`);
    }
    return secret;
  }

  private addVersion(
    secret: SecretRecord,
    payload: SecretPayload,
    token: string | undefined,
    stages: string[],
  ): VersionRecord {
    const stored = storedPayload(payload);
    // Stryker disable next-line ConditionalExpression: equivalent, no version has an undefined id
    if (token !== undefined) {
      const existing = secret.versions.find((v) => v.versionId === token);
      if (existing) {
        if (existing.secretString === stored.secretString && existing.secretBinary === stored.secretBinary) {
          return existing; // idempotent retry
        }
        throw exists(`A version with ClientRequestToken ${token} already exists with different secret data.`);
      }
    }
    const version: VersionRecord = {
      versionId: token ?? this.newVersionId(),
      stages: [],
      createdDate: this.now(),
      ...stored,
    };
    secret.versions.push(version);
    for (const stage of stages) this.attachStage(secret, version, stage);
    secret.lastChangedDate = version.createdDate;
    this.prune(secret);
    return version;
  }

  /** One version per label; moving AWSCURRENT moves AWSPREVIOUS onto the version it left. */
  private attachStage(secret: SecretRecord, target: VersionRecord, stage: string): void {
    const holder = secret.versions.find((v) => v.stages.includes(stage));
    // Stryker disable next-line ConditionalExpression: equivalent, callers never attach a label to the version holding it
    if (holder === target) return;
    if (holder) removeStage(holder, stage);
    target.stages.push(stage);
    if (stage === Stage.current && holder) {
      for (const v of secret.versions) removeStage(v, Stage.previous);
      holder.stages.push(Stage.previous);
    }
  }

  private prune(secret: SecretRecord): void {
    const cutoff = this.now() - versionRetention.ageMs;
    const keepFrom = secret.versions.length - versionRetention.count;
    secret.versions = secret.versions.filter(
      (v, index) => v.stages.length > 0 || index >= keepFrom || v.createdDate > cutoff,
    );
  }

  private metadata(secret: SecretRecord): SecretMetadata {
    const versionIdsToStages: Record<string, string[]> = {};
    for (const v of secret.versions) if (v.stages.length) versionIdsToStages[v.versionId] = [...v.stages];
    return {
      arn: secret.arn,
      name: secret.name,
      description: secret.description,
      kmsKeyId: secret.kmsKeyId,
      rotationEnabled: secret.rotationEnabled ?? false,
      rotationLambdaArn: secret.rotationLambdaArn,
      rotationRules: secret.rotationRules ? { ...secret.rotationRules } : undefined,
      lastRotatedDate: optionalDate(secret.lastRotatedDate),
      nextRotationDate: optionalDate(secret.nextRotationDate),
      lastChangedDate: optionalDate(secret.lastChangedDate),
      lastAccessedDate: optionalDate(secret.lastAccessedDate),
      deletedDate: optionalDate(secret.deletedDate),
      deletionDate: optionalDate(secret.deletionDate),
      createdDate: new Date(secret.createdDate),
      tags: secret.tags.map((t) => ({ ...t })),
      versionIdsToStages,
      primaryRegion: this.region,
      replicationStatus: secret.replicas ? replicationStatus(secret) : undefined,
    };
  }

  /** ListSecrets' entries: as DescribeSecret, without the replicas (the service lists them only there). */
  private listEntry(secret: SecretRecord): SecretMetadata {
    const { replicationStatus: _omitted, ...entry } = this.metadata(secret);
    return entry;
  }
}

/** Own-property lookup: names such as `constructor` or `__proto__` are valid and must not hit Object.prototype. */
function ownSecret(state: StoreState, name: string): SecretRecord | undefined {
  return Object.prototype.hasOwnProperty.call(state.secrets, name) ? state.secrets[name] : undefined;
}

/** Defines rather than assigns, so a secret named `__proto__` is stored as itself. */
function setSecret(state: StoreState, secret: SecretRecord): void {
  Object.defineProperty(state.secrets, secret.name, {
    value: secret,
    enumerable: true,
    // Stryker disable next-line BooleanLiteral: equivalent, the engine replaces secrets by defining or deleting them
    writable: true,
    configurable: true,
  });
}

function selectVersion(secret: SecretRecord, versionId?: string, versionStage?: string): VersionRecord {
  const stage = versionId === undefined ? (versionStage ?? Stage.current) : versionStage;
  const version = secret.versions.find(
    (v) => (versionId === undefined || v.versionId === versionId) && (stage === undefined || v.stages.includes(stage)),
  );
  if (!version) {
    const what = [versionId && `VersionId: ${versionId}`, stage && `staging label: ${stage}`].filter(Boolean);
    throw notFound(`Secrets Manager can't find the specified secret value for ${what.join(' and ')}.`);
  }
  return version;
}

function findVersion(secret: SecretRecord, versionId: string): VersionRecord {
  const version = secret.versions.find((v) => v.versionId === versionId);
  if (!version) throw notFound(`Secrets Manager can't find the specified secret version: ${versionId}.`);
  return version;
}

function removeStage(version: VersionRecord, stage: string): void {
  const index = version.stages.indexOf(stage);
  if (index >= 0) version.stages.splice(index, 1);
}

function toValue(secret: SecretRecord, version: VersionRecord): SecretValue {
  return {
    arn: secret.arn,
    name: secret.name,
    versionId: version.versionId,
    versionStages: [...version.stages],
    createdDate: new Date(version.createdDate),
    secretString: version.secretString,
    secretBinary: version.secretBinary === undefined ? undefined : Buffer.from(version.secretBinary, 'base64'),
  };
}

function storedPayload(payload: SecretPayload): Pick<VersionRecord, 'secretString' | 'secretBinary'> {
  if (payload.secretBinary !== undefined) {
    return { secretBinary: Buffer.from(payload.secretBinary).toString('base64') };
  }
  return { secretString: payload.secretString };
}

function matchesFilter(secret: SecretRecord, filter: SecretFilter, region: string): boolean {
  const attributes = (): { values: string[]; caseSensitive: boolean } => {
    switch (filter.key) {
      case 'name':
        return { values: [secret.name], caseSensitive: true };
      case 'description':
        return { values: [secret.description ?? ''], caseSensitive: false };
      case 'tag-key':
        return { values: secret.tags.map((t) => t.key), caseSensitive: true };
      case 'tag-value':
        return { values: secret.tags.map((t) => t.value), caseSensitive: true };
      case 'primary-region':
        return { values: [region], caseSensitive: true };
      case 'owning-service':
        // Stryker disable next-line BooleanLiteral: equivalent, no values to fold
        return { values: [], caseSensitive: true };
      case 'all':
        return {
          values: [secret.name, secret.description ?? '', ...secret.tags.flatMap((t) => [t.key, t.value])].flatMap(
            // Stryker disable next-line Regex: equivalent, splitting on each separator only adds empty words
            (text) => [text, ...text.split(/[^A-Za-z0-9]+/)],
          ),
          caseSensitive: false,
        };
    }
  };
  const { values, caseSensitive } = attributes();
  const fold = (s: string) => (caseSensitive ? s : s.toLowerCase());
  const positives = filter.values.filter((v) => !v.startsWith('!'));
  const negatives = filter.values.filter((v) => v.startsWith('!')).map((v) => v.slice(1));
  const hit = (prefix: string) => values.some((value) => fold(value).startsWith(fold(prefix)));
  if (negatives.some(hit)) return false;
  return positives.length === 0 || positives.some(hit);
}

function validateStages(stages: string[]): void {
  if (stages.length > 20) throw invalidParameter('A version can have at most 20 staging labels.');
  for (const stage of stages) {
    if (stage.length < 1 || stage.length > 256) throw invalidParameter('Staging labels must be 1 to 256 characters.');
  }
}

function validateTags(tags: Tag[]): void {
  for (const tag of tags) {
    if (!tag.key || tag.key.length > 128) throw invalidParameter('Tag keys must be 1 to 128 characters.');
    if (tag.value.length > 256) throw invalidParameter('Tag values must be at most 256 characters.');
    if (tag.key.startsWith('aws:')) throw invalidParameter('Tag keys must not start with "aws:".');
  }
  if (tags.length > maxTags) throw invalidParameter(`A secret can have at most ${maxTags} tags.`);
}

function dedupeTags(tags: Tag[]): Tag[] {
  return [...new Map(tags.map((t) => [t.key, t.value]))].map(([key, value]) => ({ key, value }));
}

function arnSuffix(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  return [...randomBytes(6)].map((b) => alphabet[b % alphabet.length]).join('');
}

const startOfDay = (ms: number) => ms - (ms % day);
const optionalDate = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms));
// Stryker disable next-line EqualityOperator,ConditionalExpression: equivalent, names are unique and V8's sort only tests < 0
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function encodeToken(offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset })).toString('base64url');
}

function decodeToken(token: string | undefined): number {
  if (token === undefined) return 0;
  try {
    const offset = (JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { o: unknown }).o;
    // Stryker disable next-line ConditionalExpression: equivalent, Number.isInteger is false for non-numbers
    if (typeof offset === 'number' && Number.isInteger(offset) && offset >= 0) return offset;
  } catch {
    // fall through to the error below
  }
  throw invalidParameter('The NextToken value is invalid.');
}

/** A listing position: the sort key of the last secret returned. */
interface ListingKey {
  createdDate: number;
  name: string;
}

function compareKey(a: ListingKey, b: ListingKey): number {
  return a.createdDate - b.createdDate || compare(a.name, b.name);
}

/** Index of the first entry whose key is greater than `key` (binary search over the sorted listing). */
function firstAfter(order: ListingKey[], key: ListingKey): number {
  let low = 0;
  let high = order.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (compareKey(order[mid], key) <= 0) low = mid + 1;
    else high = mid;
  }
  return low;
}

function encodeCursor(last: ListingKey): string {
  return Buffer.from(JSON.stringify({ c: last.createdDate, n: last.name })).toString('base64url');
}

function decodeCursor(token: string | undefined): ListingKey | undefined {
  if (token === undefined) return undefined;
  try {
    const { c, n } = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { c: unknown; n: unknown };
    if (typeof c === 'number' && Number.isFinite(c) && typeof n === 'string') return { createdDate: c, name: n };
  } catch {
    // fall through to the error below
  }
  throw invalidParameter('The NextToken value is invalid.');
}
