// Follow NextToken to the end, for callers that want whole listings (the tree, the CLI).
import type {
  ListSecretVersionIdsInput,
  ListSecretsInput,
  SecretMetadata,
  SecretStore,
  SecretVersionEntry,
} from '../store/types';

export async function listAllSecrets(
  store: SecretStore,
  input: Omit<ListSecretsInput, 'nextToken'> = {},
): Promise<SecretMetadata[]> {
  const all: SecretMetadata[] = [];
  let nextToken: string | undefined;
  do {
    const page = await store.listSecrets({ maxResults: 100, ...input, nextToken });
    all.push(...page.secrets);
    nextToken = page.nextToken;
  } while (nextToken);
  return all;
}

export async function listAllSecretVersions(
  store: SecretStore,
  input: Omit<ListSecretVersionIdsInput, 'nextToken'>,
): Promise<SecretVersionEntry[]> {
  const all: SecretVersionEntry[] = [];
  let nextToken: string | undefined;
  do {
    const page = await store.listSecretVersionIds({ maxResults: 100, ...input, nextToken });
    all.push(...page.versions);
    nextToken = page.nextToken;
  } while (nextToken);
  return all;
}
