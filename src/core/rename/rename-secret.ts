// Rename Secret…: Secrets Manager cannot rename, so the rename is copy → edit references → delete the old one.
// 1. The new name is created with every staged version and its stages (the one copy engine, core/transfer).
// 2. Every reference in the workspace is rewritten in ONE change the user previews (the front applies it).
// 3. Only when the user then confirms is the old secret scheduled for deletion (with a recovery window).
// The fronts pass their ports in; nothing here knows VS Code or the terminal.
import { isSecretsError } from '../store/errors';
import type { SecretStore } from '../store/types';
import { secretNameProblem } from '../store/validation';
import { copySecret } from '../transfer/copy-secret';
import {
  planReferenceEdits,
  referencesToSecret,
  type LocatedReference,
  type ReferenceEditPlan,
} from './reference-edits';

export interface RenamePorts {
  store: SecretStore;
  /** The workspace's references to `secret` (the reference index); others are filtered out again here. */
  findReferences(secret: { name: string; arn: string }): Promise<LocatedReference[]>;
  /** A referencing file's current text (unsaved editor text included), or undefined when unreadable. */
  readText(path: string): Promise<string | undefined>;
  /** Applies the plan as one change; resolves false when the user discarded it (nothing changed then). */
  applyEdits(plan: ReferenceEditPlan): Promise<boolean>;
  /** Asked after the edits were applied: schedule the old secret for deletion? */
  confirmDeletion(question: DeletionQuestion): Promise<boolean>;
  onProgress?(message: string): void;
}

export interface DeletionQuestion {
  oldName: string;
  newName: string;
  referencesChanged: number;
  filesChanged: number;
  recoveryWindowInDays: number;
}

export interface RenameOptions {
  /** 7–30 days; Secrets Manager's default (30) when omitted. */
  recoveryWindowInDays?: number;
}

export type RenameOutcome =
  | {
      status: 'renamed';
      versionsCopied: number;
      plan: ReferenceEditPlan;
      /** Set when the user confirmed and the old secret is scheduled for deletion. */
      oldDeletionDate?: Date;
    }
  /** The user discarded the edits: the copy was removed again, the old secret and every file are unchanged. */
  | { status: 'edits-discarded'; plan: ReferenceEditPlan };

export const defaultRecoveryWindowDays = 30;

/** Why `newName` cannot be the new name of `oldName`, or undefined (naming rules only; existence is checked later). */
export function renameNameProblem(oldName: string, newName: string): string | undefined {
  if (newName === oldName) return 'The new name is the current name.';
  return secretNameProblem(newName);
}

export async function renameSecret(
  ports: RenamePorts,
  oldName: string,
  newName: string,
  options: RenameOptions = {},
): Promise<RenameOutcome> {
  const { store } = ports;
  const problem = renameNameProblem(oldName, newName);
  if (problem) throw new Error(problem);
  const old = await store.describeSecret(oldName);
  if (old.deletedDate) throw new Error(`"${old.name}" is scheduled for deletion: restore it before renaming it.`);
  if (await exists(store, newName)) throw new Error(`A secret named "${newName}" already exists.`);

  // Read everything the edits need before anything changes, so a failure here changes nothing.
  ports.onProgress?.('finding references');
  const references = referencesToSecret(await ports.findReferences(old), old);
  const texts = new Map<string, string>();
  for (const path of new Set(references.map((r) => r.path))) {
    const text = await ports.readText(path);
    if (text !== undefined) texts.set(path, text);
  }

  ports.onProgress?.('copying versions');
  let copy: Awaited<ReturnType<typeof copySecret>>;
  try {
    copy = await copySecret(store, store, old.name, {
      mode: 'allVersions',
      targetName: newName,
      onProgress: (message) => ports.onProgress?.(`copying ${message}`),
    });
  } catch (error) {
    throw await undoCopy(store, newName, error); // a half-made copy: no file was edited, nothing else to undo
  }

  const plan = planReferenceEdits(references, texts, old, newName, copy.arn);
  let applied: boolean;
  try {
    applied = plan.replacements.length === 0 || (await ports.applyEdits(plan));
  } catch (error) {
    throw await undoCopy(store, newName, error);
  }
  if (!applied) {
    await removeCopy(store, newName);
    return { status: 'edits-discarded', plan };
  }

  const recoveryWindowInDays = options.recoveryWindowInDays ?? defaultRecoveryWindowDays;
  const confirmed = await ports.confirmDeletion({
    oldName: old.name,
    newName,
    referencesChanged: plan.replacements.length,
    filesChanged: plan.files.length,
    recoveryWindowInDays,
  });
  if (!confirmed) return { status: 'renamed', versionsCopied: copy.versionsCopied, plan };
  const deleted = await store.deleteSecret({ secretId: old.name, recoveryWindowInDays });
  return { status: 'renamed', versionsCopied: copy.versionsCopied, plan, oldDeletionDate: deleted.deletionDate };
}

async function exists(store: SecretStore, name: string): Promise<boolean> {
  try {
    await store.describeSecret(name);
    return true;
  } catch (error) {
    if (isSecretsError(error, 'ResourceNotFoundException')) return false;
    throw error;
  }
}

/** Removes the copy after `error`; returns the error to throw, naming the copy when it could not be removed. */
async function undoCopy(store: SecretStore, name: string, error: unknown): Promise<unknown> {
  try {
    await removeCopy(store, name);
    return error;
  } catch (undoError) {
    const message = `${(error as Error)?.message ?? String(error)} The partial copy "${name}" could not be removed (${(undoError as Error)?.message ?? String(undoError)}): delete it by hand.`;
    return new Error(message, { cause: error });
  }
}

/** The copy is new and the old secret still holds every version: delete it at once, without a window. */
async function removeCopy(store: SecretStore, name: string): Promise<void> {
  try {
    await store.deleteSecret({ secretId: name, forceDeleteWithoutRecovery: true });
  } catch (error) {
    if (!isSecretsError(error, 'ResourceNotFoundException')) throw error;
  }
}
