// JSON-serialisable store state: what the vault encrypts and the memory store keeps.
import type { ReplicaState, RotationRules, Tag } from './types';

export interface VersionRecord {
  versionId: string;
  stages: string[];
  /** Epoch milliseconds. */
  createdDate: number;
  lastAccessedDate?: number;
  secretString?: string;
  /** Base64. */
  secretBinary?: string;
}

export interface SecretRecord {
  arn: string;
  name: string;
  description?: string;
  kmsKeyId?: string;
  tags: Tag[];
  createdDate: number;
  lastChangedDate: number;
  lastAccessedDate?: number;
  deletedDate?: number;
  deletionDate?: number;
  rotationEnabled?: boolean;
  rotationLambdaArn?: string;
  rotationRules?: RotationRules;
  lastRotatedDate?: number;
  nextRotationDate?: number;
  /** The resource policy's JSON text, as stored (Secrets Manager returns it as given). */
  resourcePolicy?: string;
  /** Oldest first. */
  versions: VersionRecord[];
  /** Replicas in other regions, in the order they were added. */
  replicas?: ReplicaRecord[];
}

export interface ReplicaRecord {
  region: string;
  kmsKeyId: string;
  /** What the copy came to: the ReplicateSecretToRegions answer itself says `InProgress`. */
  status: Exclude<ReplicaState, 'InProgress'>;
  statusMessage?: string;
}

export interface StoreState {
  /** Keyed by name. */
  secrets: Record<string, SecretRecord>;
}

export const emptyState = (): StoreState => ({ secrets: {} });
