// ReferenceFacts over the shared SecretLookup (its connection resolver and its one-DescribeSecret-a-minute
// cache). Only the list of names for completion is added here, cached the same way and dropped whenever the
// lookup's answers change. A connection that is not `usable` answers nothing: opening a file must neither
// create a local vault nor ask for its passphrase (completion, which the user asked for, may open one that exists).
import type * as vscode from 'vscode';
import { factsFromMetadata, type CurrentValueShape, type SecretFacts } from '../../core/references/reference-checks';
import { metadataTtlMs, type SecretKeys } from '../../core/references/secret-metadata';
import { TtlCache } from '../../core/references/ttl-cache';
import type { SecretStore } from '../../core/store/types';
import type { SecretLookup } from './secret-lookup';
import type { ReferenceFacts, SecretSummary, ValidatingConnectionRef } from './reference-facts';

/** Completion lists at most this many names (10 pages of ListSecrets). */
const MAX_NAMES = 1000;

export class LookupFacts implements ReferenceFacts {
  private readonly names = new TtlCache<SecretSummary[]>(metadataTtlMs);
  readonly onDidChange: vscode.Event<void>;

  constructor(
    private readonly lookup: SecretLookup,
    private readonly store: (connectionId: string) => Promise<SecretStore>,
    private readonly usable: (connectionId: string, userAsked: boolean) => boolean,
  ) {
    this.onDidChange = lookup.onDidChange;
    lookup.onDidChange(() => this.names.invalidate(() => true));
  }

  connectionFor(uri: vscode.Uri): ValidatingConnectionRef {
    const target = this.lookup.connectionFor(uri);
    return { id: target.connectionId, label: target.connection.label };
  }

  async facts(connectionId: string, secretId: string, withKeys: boolean): Promise<SecretFacts | undefined> {
    if (!this.usable(connectionId, false)) return undefined;
    const described = await this.lookup.cache.describe(connectionId, secretId);
    if (described.status === 'missing') return { state: 'missing' };
    const current = withKeys ? shapeOf(await this.lookup.cache.jsonKeys(connectionId, secretId)) : undefined;
    return factsFromMetadata(described.metadata, current);
  }

  async jsonKeys(connectionId: string, secretId: string): Promise<string[] | undefined> {
    if (!this.usable(connectionId, true)) return undefined;
    const keys = await this.lookup.cache.jsonKeys(connectionId, secretId);
    return keys.status === 'keys' ? keys.keys : undefined;
  }

  async secretNames(connectionId: string): Promise<SecretSummary[]> {
    if (!this.usable(connectionId, true)) return [];
    return this.names.get(connectionId, async () => {
      const store = await this.store(connectionId);
      const names: SecretSummary[] = [];
      let nextToken: string | undefined;
      do {
        const page = await store.listSecrets({ maxResults: 100, ...(nextToken ? { nextToken } : {}) });
        for (const secret of page.secrets) {
          names.push({ name: secret.name, ...(secret.description ? { description: secret.description } : {}) });
        }
        nextToken = page.nextToken;
      } while (nextToken && names.length < MAX_NAMES);
      return names;
    });
  }
}

function shapeOf(keys: SecretKeys): CurrentValueShape | undefined {
  switch (keys.status) {
    case 'keys':
      return { kind: 'json', keys: keys.keys };
    case 'not-json':
      return { kind: 'not-json' };
    case 'missing':
    case 'deleted':
      return undefined;
  }
}
