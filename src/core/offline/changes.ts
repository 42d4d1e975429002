// Whether a store changed between two moments: a fingerprint of every secret's name, last change and
// deletion state (metadata only, no values), so going online offers a push only when there is one to make.
import type { SecretStore } from '../store/types';

export async function storeFingerprint(store: SecretStore): Promise<string> {
  const entries: string[] = [];
  let nextToken: string | undefined;
  do {
    const page = await store.listSecrets({ includePlannedDeletion: true, nextToken });
    for (const secret of page.secrets)
      entries.push(
        `${secret.name}\u0000${secret.lastChangedDate?.getTime() ?? ''}\u0000${secret.deletedDate?.getTime() ?? ''}`,
      );
    nextToken = page.nextToken;
  } while (nextToken);
  return entries.sort().join('\n');
}
