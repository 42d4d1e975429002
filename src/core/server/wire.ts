// Secrets Manager's JSON wire shapes (PascalCase, epoch-second dates, base64 binaries) ↔ the SecretStore model.
import { awsShapes, epochSeconds } from '../store/aws-shapes';
import { SecretsError } from '../store/errors';
import type {
  BatchGetSecretValueInput,
  RandomPasswordInput,
  RotationRules,
  SecretFilter,
  SecretStore,
  Tag,
} from '../store/types';

type Json = Record<string, unknown>;

/** The coral front end's schema errors: a wrong type or a missing required member. */
export class ValidationError extends SecretsError {
  constructor(message: string) {
    super('ValidationException', message);
  }
}

export class Reader {
  constructor(private readonly body: Json) {}

  /** The parsed request, as given (the access log picks its named members). */
  get json(): Json {
    return this.body;
  }

  string(name: string, required: true): string;
  string(name: string, required?: false): string | undefined;
  string(name: string, required = false): string | undefined {
    const value = this.body[name];
    if (value === undefined || value === null) return this.absent(name, required);
    if (typeof value !== 'string') throw this.typeError(name, 'string');
    return value;
  }

  number(name: string): number | undefined {
    const value = this.body[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number' || !Number.isFinite(value)) throw this.typeError(name, 'number');
    return value;
  }

  boolean(name: string): boolean | undefined {
    const value = this.body[name];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'boolean') throw this.typeError(name, 'boolean');
    return value;
  }

  strings(name: string, required = false): string[] | undefined {
    const value = this.body[name];
    if (value === undefined || value === null) return this.absent(name, required);
    if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw this.typeError(name, 'string list');
    return value as string[];
  }

  objects(name: string, required = false): Reader[] | undefined {
    const value = this.body[name];
    if (value === undefined || value === null) return this.absent(name, required);
    if (!Array.isArray(value) || value.some((v) => !isObject(v))) throw this.typeError(name, 'structure list');
    return (value as Json[]).map((v) => new Reader(v));
  }

  object(name: string): Reader | undefined {
    const value = this.body[name];
    if (value === undefined || value === null) return undefined;
    if (!isObject(value)) throw this.typeError(name, 'structure');
    return new Reader(value);
  }

  binary(name: string): Uint8Array | undefined {
    const value = this.string(name);
    if (value === undefined) return undefined;
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(value) || value.length % 4 !== 0) {
      throw new SecretsError('SerializationException', `${name} is not valid base64.`);
    }
    return Buffer.from(value, 'base64');
  }

  private absent(name: string, required: boolean): undefined {
    if (required) {
      throw new ValidationError(
        `1 validation error detected: Value null at '${lowerFirst(name)}' failed to satisfy constraint: Member must not be null`,
      );
    }
    return undefined;
  }

  private typeError(name: string, type: string): SecretsError {
    return new SecretsError('SerializationException', `Expected ${type} for member ${name}.`);
  }
}

const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);
const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

function readTags(readers: Reader[] | undefined): Tag[] | undefined {
  return readers?.map((t) => ({ key: t.string('Key', true), value: t.string('Value') ?? '' }));
}

function readFilters(readers: Reader[] | undefined): SecretFilter[] | undefined {
  return readers?.map((f) => ({
    key: (f.string('Key') ?? 'all') as SecretFilter['key'],
    values: f.strings('Values') ?? [],
  }));
}

function readRotationRules(reader: Reader | undefined): RotationRules | undefined {
  if (!reader) return undefined;
  return {
    automaticallyAfterDays: reader.number('AutomaticallyAfterDays'),
    scheduleExpression: reader.string('ScheduleExpression'),
    duration: reader.string('Duration'),
  };
}

const shapes = awsShapes(epochSeconds);
export const writeSecretValue = shapes.secretValue;

function compact(object: Json): Json {
  for (const key of Object.keys(object)) if (object[key] === undefined) delete object[key];
  return object;
}

function readPasswordRules(r: Reader): RandomPasswordInput {
  return {
    passwordLength: r.number('PasswordLength'),
    excludeCharacters: r.string('ExcludeCharacters'),
    excludeNumbers: r.boolean('ExcludeNumbers'),
    excludePunctuation: r.boolean('ExcludePunctuation'),
    excludeUppercase: r.boolean('ExcludeUppercase'),
    excludeLowercase: r.boolean('ExcludeLowercase'),
    includeSpace: r.boolean('IncludeSpace'),
    requireEachIncludedType: r.boolean('RequireEachIncludedType'),
  };
}

export type Operation = (store: SecretStore, input: Reader) => Promise<Json>;

/** Every operation the server answers, by its X-Amz-Target name. */
export const operations: Record<string, Operation> = {
  async ListSecrets(store, r) {
    const out = await store.listSecrets({
      includePlannedDeletion: r.boolean('IncludePlannedDeletion'),
      maxResults: r.number('MaxResults'),
      nextToken: r.string('NextToken'),
      filters: readFilters(r.objects('Filters')),
      sortOrder: r.string('SortOrder') as 'asc' | 'desc' | undefined,
    });
    return compact({
      SecretList: out.secrets.map((m) => shapes.metadata(m, 'SecretVersionsToStages')),
      NextToken: out.nextToken,
    });
  },

  async DescribeSecret(store, r) {
    return shapes.metadata(await store.describeSecret(r.string('SecretId', true)), 'VersionIdsToStages');
  },

  async GetSecretValue(store, r) {
    const value = await store.getSecretValue({
      secretId: r.string('SecretId', true),
      versionId: r.string('VersionId'),
      versionStage: r.string('VersionStage'),
    });
    return writeSecretValue(value);
  },

  async BatchGetSecretValue(store, r) {
    const secretIdList = r.strings('SecretIdList');
    const filters = readFilters(r.objects('Filters'));
    if (!secretIdList && !filters) {
      throw new SecretsError('InvalidParameterException', 'You must specify either SecretIdList or Filters.');
    }
    // Both given: passed through so the store refuses it, as AWS does.
    const out = await store.batchGetSecretValue({
      secretIdList,
      filters,
      maxResults: r.number('MaxResults'),
      nextToken: r.string('NextToken'),
    } as BatchGetSecretValueInput);
    return compact({
      SecretValues: out.secretValues.map(writeSecretValue),
      NextToken: out.nextToken,
      Errors: out.errors.map((e) => ({ SecretId: e.secretId, ErrorCode: e.errorCode, Message: e.message })),
    });
  },

  async CreateSecret(store, r) {
    const out = await store.createSecret({
      name: r.string('Name', true),
      clientRequestToken: r.string('ClientRequestToken'),
      description: r.string('Description'),
      kmsKeyId: r.string('KmsKeyId'),
      secretString: r.string('SecretString'),
      secretBinary: r.binary('SecretBinary'),
      tags: readTags(r.objects('Tags')),
    });
    return compact({ ARN: out.arn, Name: out.name, VersionId: out.versionId });
  },

  async PutSecretValue(store, r) {
    const out = await store.putSecretValue({
      secretId: r.string('SecretId', true),
      clientRequestToken: r.string('ClientRequestToken'),
      secretString: r.string('SecretString'),
      secretBinary: r.binary('SecretBinary'),
      versionStages: r.strings('VersionStages'),
    });
    return { ARN: out.arn, Name: out.name, VersionId: out.versionId, VersionStages: out.versionStages };
  },

  async UpdateSecret(store, r) {
    const out = await store.updateSecret({
      secretId: r.string('SecretId', true),
      clientRequestToken: r.string('ClientRequestToken'),
      description: r.string('Description'),
      kmsKeyId: r.string('KmsKeyId'),
      secretString: r.string('SecretString'),
      secretBinary: r.binary('SecretBinary'),
    });
    return compact({ ARN: out.arn, Name: out.name, VersionId: out.versionId });
  },

  async UpdateSecretVersionStage(store, r) {
    const out = await store.updateSecretVersionStage({
      secretId: r.string('SecretId', true),
      versionStage: r.string('VersionStage', true),
      moveToVersionId: r.string('MoveToVersionId'),
      removeFromVersionId: r.string('RemoveFromVersionId'),
    });
    return { ARN: out.arn, Name: out.name };
  },

  async ListSecretVersionIds(store, r) {
    const out = await store.listSecretVersionIds({
      secretId: r.string('SecretId', true),
      maxResults: r.number('MaxResults'),
      nextToken: r.string('NextToken'),
      includeDeprecated: r.boolean('IncludeDeprecated'),
    });
    return compact({
      Versions: out.versions.map(shapes.version),
      NextToken: out.nextToken,
      ARN: out.arn,
      Name: out.name,
    });
  },

  async RotateSecret(store, r) {
    const out = await store.rotateSecret({
      secretId: r.string('SecretId', true),
      clientRequestToken: r.string('ClientRequestToken'),
      rotationLambdaArn: r.string('RotationLambdaARN'),
      rotationRules: readRotationRules(r.object('RotationRules')),
      rotateImmediately: r.boolean('RotateImmediately'),
    });
    return compact({ ARN: out.arn, Name: out.name, VersionId: out.versionId });
  },

  async DeleteSecret(store, r) {
    const out = await store.deleteSecret({
      secretId: r.string('SecretId', true),
      recoveryWindowInDays: r.number('RecoveryWindowInDays'),
      forceDeleteWithoutRecovery: r.boolean('ForceDeleteWithoutRecovery'),
    });
    return { ARN: out.arn, Name: out.name, DeletionDate: shapes.date(out.deletionDate) };
  },

  async RestoreSecret(store, r) {
    const out = await store.restoreSecret(r.string('SecretId', true));
    return { ARN: out.arn, Name: out.name };
  },

  async TagResource(store, r) {
    await store.tagResource(r.string('SecretId', true), readTags(r.objects('Tags', true)) ?? []);
    return {};
  },

  async UntagResource(store, r) {
    await store.untagResource(r.string('SecretId', true), r.strings('TagKeys', true) ?? []);
    return {};
  },

  async GetResourcePolicy(store, r) {
    const out = await store.getResourcePolicy(r.string('SecretId', true));
    return compact({ ARN: out.arn, Name: out.name, ResourcePolicy: out.resourcePolicy });
  },

  async PutResourcePolicy(store, r) {
    const out = await store.putResourcePolicy({
      secretId: r.string('SecretId', true),
      resourcePolicy: r.string('ResourcePolicy', true),
      blockPublicPolicy: r.boolean('BlockPublicPolicy'),
    });
    return { ARN: out.arn, Name: out.name };
  },

  async DeleteResourcePolicy(store, r) {
    const out = await store.deleteResourcePolicy(r.string('SecretId', true));
    return { ARN: out.arn, Name: out.name };
  },

  async ValidateResourcePolicy(store, r) {
    const out = await store.validateResourcePolicy({
      secretId: r.string('SecretId'),
      resourcePolicy: r.string('ResourcePolicy', true),
    });
    return {
      PolicyValidationPassed: out.policyValidationPassed,
      ValidationErrors: out.validationErrors.map((e) => ({ CheckName: e.checkName, ErrorMessage: e.errorMessage })),
    };
  },

  async ReplicateSecretToRegions(store, r) {
    const out = await store.replicateSecretToRegions({
      secretId: r.string('SecretId', true),
      addReplicaRegions: (r.objects('AddReplicaRegions', true) ?? []).map((region) => ({
        region: region.string('Region', true),
        kmsKeyId: region.string('KmsKeyId'),
      })),
      forceOverwriteReplicaSecret: r.boolean('ForceOverwriteReplicaSecret'),
    });
    return { ARN: out.arn, ReplicationStatus: shapes.replication(out.replicationStatus) };
  },

  async RemoveRegionsFromReplication(store, r) {
    const out = await store.removeRegionsFromReplication({
      secretId: r.string('SecretId', true),
      removeReplicaRegions: r.strings('RemoveReplicaRegions', true) ?? [],
    });
    return { ARN: out.arn, ReplicationStatus: shapes.replication(out.replicationStatus) };
  },

  async GetRandomPassword(store, r) {
    return { RandomPassword: await store.getRandomPassword(readPasswordRules(r)) };
  },
};

export function parseBody(text: string): Reader {
  let parsed: unknown;
  try {
    parsed = text.trim() === '' ? {} : JSON.parse(text);
  } catch {
    throw new SecretsError('SerializationException', 'The request body is not valid JSON.');
  }
  if (!isObject(parsed)) throw new SecretsError('SerializationException', 'The request body must be a JSON object.');
  return new Reader(parsed);
}
