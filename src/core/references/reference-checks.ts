// Checks references against what the validating connection knows about each secret: a missing secret, one
// scheduled for deletion, a stage or version id it lacks, a JSON key its current version lacks. Messages name
// secrets, keys, stages and the connection, never a value.
import type { SecretMetadata } from '../store/types';
import { sameSecret } from './arn';

/** The parts of a reference the checks read (the reference index's SecretReference has them all). */
export interface CheckedReference {
  secretId: string;
  line: number;
  character: number;
  /** Length of the secret id as written; defaults to secretId.length. */
  length?: number;
  jsonKey?: string;
  versionStage?: string;
  versionId?: string;
}

/** The current version's value, as far as the checks need it: its JSON keys, or that it is no JSON object. */
export type CurrentValueShape = { kind: 'json'; keys: string[] } | { kind: 'not-json' };

/** What the validating connection knows about one secret. */
export type SecretFacts =
  | { state: 'missing' }
  | {
      state: 'found';
      /** Set while the secret is scheduled for deletion. */
      deletedDate?: Date;
      /** When the deletion becomes permanent, where known. */
      deletionDate?: Date;
      /** Stages attached to any version. */
      stages: string[];
      versionIds: string[];
      /** Undefined when the value could not be read (no permission, binary, not loaded): keys go unchecked. */
      current?: CurrentValueShape;
    };

export type ReferenceProblemCode =
  'missing-secret' | 'scheduled-for-deletion' | 'unknown-stage' | 'unknown-version' | 'missing-json-key' | 'not-json';

export interface ReferenceProblem {
  code: ReferenceProblemCode;
  severity: 'warning';
  message: string;
  secretId: string;
  jsonKey?: string;
  /** The range of the secret id as written. */
  line: number;
  character: number;
  length: number;
}

/**
 * Problems of each reference. `facts` answers per secret id; undefined means "not known yet" (not loaded, or
 * the connection failed), which reports nothing rather than a false alarm.
 */
export function checkReferences(
  references: readonly CheckedReference[],
  facts: (secretId: string) => SecretFacts | undefined,
  connectionLabel: string,
): ReferenceProblem[] {
  const problems: ReferenceProblem[] = [];
  for (const reference of references) {
    const found = facts(reference.secretId);
    if (!found) continue;
    const problem = (code: ReferenceProblemCode, message: string): void => {
      problems.push({
        code,
        severity: 'warning',
        message,
        secretId: reference.secretId,
        ...(reference.jsonKey !== undefined ? { jsonKey: reference.jsonKey } : {}),
        line: reference.line,
        character: reference.character,
        length: reference.length ?? reference.secretId.length,
      });
    };
    const secret = `"${reference.secretId}"`;
    if (found.state === 'missing') {
      problem('missing-secret', `Secret ${secret} does not exist in ${connectionLabel}.`);
      continue;
    }
    if (found.deletedDate) {
      const when = found.deletionDate ? ` (deleted for good on ${found.deletionDate.toISOString().slice(0, 10)})` : '';
      problem(
        'scheduled-for-deletion',
        `Secret ${secret} is scheduled for deletion in ${connectionLabel}${when}: reading it fails until it is restored.`,
      );
      continue;
    }
    if (reference.versionStage !== undefined && !found.stages.includes(reference.versionStage)) {
      problem(
        'unknown-stage',
        `Secret ${secret} has no version with stage "${reference.versionStage}" (stages: ${list(found.stages)}).`,
      );
      continue;
    }
    if (reference.versionId !== undefined && !found.versionIds.includes(reference.versionId)) {
      problem('unknown-version', `Secret ${secret} has no version "${reference.versionId}".`);
      continue;
    }
    // Only the current version's keys are known; a reference to another version is not key-checked.
    const readsCurrent =
      (reference.versionStage === undefined || reference.versionStage === 'AWSCURRENT') &&
      reference.versionId === undefined;
    if (reference.jsonKey === undefined || !readsCurrent || !found.current) continue;
    if (found.current.kind === 'not-json') {
      problem(
        'not-json',
        `The current version of ${secret} is not a JSON object, so key "${reference.jsonKey}" cannot be read.`,
      );
    } else if (!found.current.keys.includes(reference.jsonKey)) {
      problem(
        'missing-json-key',
        `The current version of ${secret} has no JSON key "${reference.jsonKey}" (keys: ${list(found.current.keys)}).`,
      );
    }
  }
  return problems;
}

/** The JSON keys of a secret string, or not-json. The value itself is dropped here. */
export function valueShape(secretString: string | undefined): CurrentValueShape {
  if (secretString === undefined) return { kind: 'not-json' };
  try {
    const parsed: unknown = JSON.parse(secretString);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
      ? { kind: 'json', keys: Object.keys(parsed) }
      : { kind: 'not-json' };
  } catch {
    return { kind: 'not-json' };
  }
}

/** Facts from DescribeSecret's metadata (and the current value's shape, when read). */
export function factsFromMetadata(metadata: SecretMetadata, current?: CurrentValueShape): SecretFacts {
  const entries = Object.entries(metadata.versionIdsToStages);
  return {
    state: 'found',
    ...(metadata.deletedDate ? { deletedDate: metadata.deletedDate } : {}),
    ...(metadata.deletionDate ? { deletionDate: metadata.deletionDate } : {}),
    stages: [...new Set(entries.flatMap(([, stages]) => stages))],
    versionIds: entries.map(([id]) => id),
    ...(current ? { current } : {}),
  };
}

/**
 * The JSON keys the given references read from one secret (by name or any ARN of it), in first-seen order (to
 * pre-fill Create Secret).
 */
export function jsonKeysUsed(references: readonly CheckedReference[], secretId: string): string[] {
  const keys = references
    .filter((r) => r.jsonKey !== undefined && sameSecret(r.secretId, secretId))
    .map((r) => r.jsonKey!);
  return [...new Set(keys)];
}

function list(items: readonly string[]): string {
  return items.length ? items.join(', ') : 'none';
}
