// Copies a secret between stores (e.g. the local vault and AWS), or to another name in the same store (Rename
// Secret…): its current value, or every staged version with the same version ids and stages. Version ids are
// reused as ClientRequestTokens, which makes a repeated copy idempotent.
import { isSecretsError } from '../store/errors';
import { Stage, type SecretStore, type SecretVersionEntry } from '../store/types';

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
  const exists = await target.describeSecret(targetName).then(
    () => true,
    (error: unknown) => {
      if (isSecretsError(error, 'ResourceNotFoundException')) return false;
      throw error;
    },
  );
  const versions =
    options.mode === 'current'
      ? [
          (await source.listSecretVersionIds({ secretId: name })).versions.find((v) =>
            v.versionStages.includes(Stage.current),
          )!,
        ]
      : await allStagedVersions(source, name);
  // AWSCURRENT's version last, so that the puts before it do not move AWSCURRENT around.
  versions.sort(
    (a, b) =>
      Number(a.versionStages.includes(Stage.current)) - Number(b.versionStages.includes(Stage.current)) ||
      a.createdDate.getTime() - b.createdDate.getTime(),
  );
  let created = false;
  let copied = 0;
  for (const version of versions) {
    if (options.isCancelled?.()) throw new CopyCancelled(copied);
    options.onProgress?.(`version ${copied + 1} of ${versions.length}`);
    const value = await source.getSecretValue({ secretId: name, versionId: version.versionId });
    const payload =
      value.secretString !== undefined ? { secretString: value.secretString } : { secretBinary: value.secretBinary };
    const token = tokenFor(version.versionId);
    const stages = options.mode === 'current' ? [Stage.current] : version.versionStages;
    if (!exists && !created) {
      await target.createSecret({
        name: targetName,
        ...payload,
        clientRequestToken: token,
        ...(meta.description ? { description: meta.description } : {}),
        ...(meta.tags.length ? { tags: meta.tags } : {}),
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
  return { created, versionsCopied: copied, ...(arn ? { arn } : {}) };
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
  const versions: SecretVersionEntry[] = [];
  let nextToken: string | undefined;
  do {
    const page = await store.listSecretVersionIds({ secretId: name, maxResults: 100, nextToken });
    versions.push(...page.versions);
    nextToken = page.nextToken;
  } while (nextToken);
  return versions;
}

/** Version ids from AWS are UUIDs (36 characters, a valid token); others are padded to the 32-character minimum. */
function tokenFor(versionId: string): string {
  return versionId.length >= 32 ? versionId : versionId.padEnd(32, '0');
}
