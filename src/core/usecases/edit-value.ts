// Edit a secret's value: store a new version (AWSCURRENT unless other stages are given). The extension's
// editor save and the CLI's `put` both end here.
import type { PutSecretValueInput, VersionRef } from '../store/types';
import type { Destination } from './create-secret';
import type { Ports } from './ports';

export async function putNewValue(
  ports: Ports,
  at: Destination,
  input: PutSecretValueInput,
): Promise<VersionRef & { versionStages: string[] }> {
  const put = await ports.progress(`Saving a new version of ${input.secretId}`, async () =>
    (await at.store()).putSecretValue(input),
  );
  ports.log.info(`Saved version ${put.versionId} of ${input.secretId} in ${at.label}.`);
  return put;
}
