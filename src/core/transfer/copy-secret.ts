// The one copy engine: copies a secret between stores (Copy to…, pull from AWS into the vault), or to another
// name in the same store (Rename Secret…): its current value, or every staged version with the same version ids
// and stages. Version ids are reused as ClientRequestTokens, which makes a repeated copy idempotent and lets a
// later push tell which versions both sides share.
import { Stage, type SecretStore, type SecretVersionEntry, type Tag } from '../store/types';
import { describeIfExists, listAllVersions, payloadOf } from '../sync/versions';

export type CopyMode = 'current' | 'allVersions';

export interface CopyOptions {
  mode: CopyMode;
  onProgress?: (message: string) => void;
  /** Checked between versions: a copy stops cleanly when it returns true. */
  isCancelled?: () => boolean;
  /** The copy's name in the target; defaults to the source name. */
  targetName?: string;
}

export interface CopyResult {
  created: boolean;
  versionsCopied: number;
  /** The copied versions' ids in the target, oldest first. */
  versionIds: string[];
  /** The copy's ARN in the target (undefined when the cancelled copy was never created). */
  arn?: string;
}

export class CopyCancelled extends Error {
  constructor(readonly copied: number) {
    super(`Cancelled after copying ${copied} version(s).`);
  }
}

export async function copySecret(
  source: SecretStore,
  target: SecretStore,
  name: string,
  options: CopyOptions,
): Promise<CopyResult> {
  const targetName = options.targetName ?? name;
  const meta = await source.describeSecret(name);
  // an existing target (also one an interrupted copy created without versions) gets versions put into it
  const exists = (await describeIfExists(target, targetName)) !== undefined;
  const versions =
    options.mode === 'current'
      ? [
          (await source.listSecretVersionIds({ secretId: name })).versions.find((v) =>
            v.versionStages.includes(Stage.current),
          )!,
        ]
      : await allStagedVersions(source, name);
  // the store's own order (newest first; versions of the same millisecond keep it), for the result
  const newestFirst = [...versions];
  // AWSCURRENT's version last, so that the puts before it do not move AWSCURRENT around.
  versions.sort(
    (a, b) =>
      Number(a.versionStages.includes(Stage.current)) - Number(b.versionStages.includes(Stage.current)) ||
      a.createdDate.getTime() - b.createdDate.getTime(),
  );
  let created = false;
  let copied = 0;
  const tags = copyableTags(meta.tags);
  for (const version of versions) {
    if (options.isCancelled?.()) throw new CopyCancelled(copied);
    options.onProgress?.(`version ${copied + 1} of ${versions.length}`);
    const value = await source.getSecretValue({ secretId: name, versionId: version.versionId });
    const payload = payloadOf(value);
    const token = tokenFor(version.versionId);
    const stages = options.mode === 'current' ? [Stage.current] : version.versionStages;
    if (!exists && !created) {
      await target.createSecret({
        name: targetName,
        ...payload,
        clientRequestToken: token,
        ...(meta.description ? { description: meta.description } : {}),
        ...(tags.length ? { tags } : {}),
      });
      created = true;
    } else {
      await target.putSecretValue({
        secretId: targetName,
        ...payload,
        clientRequestToken: token,
        versionStages: stages,
      });
    }
    copied++;
  }
  // A version copied before is not put again (same token, same data): its stages must still be moved.
  await alignStages(
    target,
    targetName,
    options.mode === 'current' ? versions.map((v) => ({ ...v, versionStages: [Stage.current] })) : versions,
  );
  const arn = exists || created ? (await target.describeSecret(targetName)).arn : undefined;
  const written = new Set(versions.slice(0, copied));
  const versionIds = newestFirst
    .filter((v) => written.has(v))
    .reverse()
    .map((v) => tokenFor(v.versionId));
  return { created, versionsCopied: copied, versionIds, ...(arn ? { arn } : {}) };
}

/** Moves each stage in the target onto the version that holds it in the source (AWSCURRENT first). */
async function alignStages(target: SecretStore, name: string, versions: SecretVersionEntry[]): Promise<void> {
  const wanted = new Map<string, string>();
  for (const v of versions) for (const stage of v.versionStages) wanted.set(stage, tokenFor(v.versionId));
  const order = [...wanted.keys()].sort((a, b) => Number(b === Stage.current) - Number(a === Stage.current));
  for (const stage of order) {
    const holders = (await target.describeSecret(name)).versionIdsToStages;
    const holder = Object.entries(holders).find(([, stages]) => stages.includes(stage))?.[0];
    const want = wanted.get(stage)!;
    if (holder === want) continue;
    await target.updateSecretVersionStage({
      secretId: name,
      versionStage: stage,
      moveToVersionId: want,
      ...(holder ? { removeFromVersionId: holder } : {}),
    });
  }
}

async function allStagedVersions(store: SecretStore, name: string): Promise<SecretVersionEntry[]> {
  return (await listAllVersions(store, name))
    .filter((v) => v.stages.length > 0)
    .map((v) => ({ versionId: v.versionId, versionStages: v.stages, createdDate: v.createdDate }));
}

/** `aws:` tags are reserved for AWS itself (CloudFormation stacks add them); a store rejects them on create. */
function copyableTags(tags: readonly Tag[]): Tag[] {
  return tags.filter((t) => !t.key.startsWith('aws:'));
}

/** Version ids from AWS are UUIDs (36 characters, a valid token); others are padded to the 32-character minimum. */
function tokenFor(versionId: string): string {
  return versionId.length >= 32 ? versionId : versionId.padEnd(32, '0');
}
