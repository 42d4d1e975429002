// Move hardcoded values to a secrets manager: store every value FIRST, and change the code only when all are
// stored. A failure while storing, a document edited meanwhile, or a refused edit undoes exactly what this move
// did to the store (secrets it created are deleted, AWSCURRENT goes back where it was), so nothing half-done
// is left behind. The front prepares the edit and words the messages; the ordering and the undo live here.
import { ErrorCode } from '../store/errors';
import type { SecretStore } from '../store/types';

export type ConflictAnswer = 'newVersion' | 'cancel';

export interface MoveToManager {
  /** The destination store, opened on first use. */
  store(): Promise<SecretStore>;
  /** One secret, or one per value (a .env with several credentials). */
  secrets: { name: string; secretString: string }[];
  /** A name that exists with another value: put a new version, or cancel the whole move. */
  askConflict(name: string): Promise<ConflictAnswer>;
  /** Called once every value is stored: changes the code, or says why it did not. */
  edit(): Promise<'edited' | 'stale' | 'refused'>;
}

export type MoveResult =
  | { status: 'moved'; newVersion: boolean }
  /** `name` exists with another value and the user cancelled. */
  | { status: 'conflict'; name: string; undone: string }
  | { status: 'store-failed'; name: string; reason: string; undone: string }
  | { status: 'stale' | 'refused'; undone: string };

export const movedDescription = 'Moved from source code by Secrets Workbench.';

export async function moveToManager(move: MoveToManager): Promise<MoveResult> {
  const created: string[] = [];
  const newVersions: { name: string; versionId: string; previousVersionId: string }[] = [];
  let store: SecretStore | undefined;
  const undo = async (): Promise<string> => {
    for (const name of created)
      await store?.deleteSecret({ secretId: name, forceDeleteWithoutRecovery: true }).catch(() => undefined);
    for (const { name, versionId, previousVersionId } of newVersions)
      await store
        ?.updateSecretVersionStage({
          secretId: name,
          versionStage: 'AWSCURRENT',
          moveToVersionId: previousVersionId,
          removeFromVersionId: versionId,
        })
        .catch(() => undefined);
    return undoneNote(created, newVersions);
  };
  let agreed = new Set<string>();
  for (const { name, secretString } of move.secrets) {
    let stored: Stored;
    try {
      if (!store) {
        store = await move.store();
        if (move.secrets.length > 1) {
          const answer = await askConflictsFirst(store, move.secrets, move.askConflict);
          if ('cancelled' in answer) return { status: 'conflict', name: answer.cancelled, undone: '' };
          agreed = answer;
        }
      }
      stored = await storeValue(store, name, secretString, async () =>
        agreed.has(name) ? 'newVersion' : move.askConflict(name),
      );
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return { status: 'store-failed', name, reason, undone: await undo() };
    }
    if (stored.result === 'cancel') return { status: 'conflict', name, undone: await undo() };
    if (stored.result === 'created') created.push(name);
    if (stored.result === 'newVersion') newVersions.push({ name, ...stored });
  }
  const edited = await move.edit();
  if (edited !== 'edited') return { status: edited, undone: await undo() };
  return { status: 'moved', newVersion: newVersions.length > 0 };
}

/** " and a, b were removed again and c is back on its previous AWSCURRENT version", or '' when nothing was. */
function undoneNote(created: string[], newVersions: { name: string }[]): string {
  const several = (list: unknown[], many: string, one: string) => (list.length > 1 ? many : one);
  return [
    created.length ? ` and ${created.join(', ')} ${several(created, 'were', 'was')} removed again` : '',
    newVersions.length
      ? ` and ${newVersions.map((version) => version.name).join(', ')} ${several(newVersions, 'are', 'is')} back on ${several(newVersions, 'their', 'its')} previous AWSCURRENT version`
      : '',
  ].join('');
}

function errorCode(error: unknown): unknown {
  // By code, not instanceof: stores handed in from another bundle (tests, other extensions) have their own class.
  return (error as { code?: unknown } | undefined)?.code ?? (error as { name?: unknown } | undefined)?.name;
}

/**
 * Several secrets (one per value): every name that exists with another value is asked about before anything is
 * stored, so a cancel leaves all of them as they were. Resolves the names agreed to get a new version.
 */
async function askConflictsFirst(
  store: SecretStore,
  secrets: { name: string; secretString: string }[],
  ask: (name: string) => Promise<ConflictAnswer>,
): Promise<Set<string> | { cancelled: string }> {
  const agreed = new Set<string>();
  for (const { name, secretString } of secrets) {
    let existing: string | undefined;
    try {
      existing = (await store.getSecretValue({ secretId: name })).secretString;
    } catch (error) {
      if (errorCode(error) === ErrorCode.resourceNotFound) continue;
      throw error;
    }
    if (existing === secretString) continue;
    if ((await ask(name)) !== 'newVersion') return { cancelled: name };
    agreed.add(name);
  }
  return agreed;
}

type Stored =
  | { result: 'created' | 'same' | 'cancel' }
  /** The new version and the one that was AWSCURRENT before, so a failure can move AWSCURRENT back. */
  | { result: 'newVersion'; versionId: string; previousVersionId: string };

/** Stores the value; resolves what it did to the store (so a failure can undo exactly that). */
async function storeValue(
  store: SecretStore,
  name: string,
  secretString: string,
  ask: () => Promise<ConflictAnswer>,
): Promise<Stored> {
  try {
    await store.createSecret({ name, secretString, description: movedDescription });
    return { result: 'created' };
  } catch (error) {
    if (errorCode(error) !== ErrorCode.resourceExists) throw error;
  }
  const existing = await store.getSecretValue({ secretId: name });
  if (existing.secretString === secretString) return { result: 'same' };
  if ((await ask()) !== 'newVersion') return { result: 'cancel' };
  const { versionId } = await store.putSecretValue({ secretId: name, secretString });
  return { result: 'newVersion', versionId, previousVersionId: existing.versionId };
}
