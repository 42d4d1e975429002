// Kubernetes manifests naming Secrets Manager: External Secrets Operator `ExternalSecret`s (and
// `ClusterExternalSecret`s) whose store is an AWS Secrets Manager `SecretStore`/`ClusterSecretStore`, defined in
// the same file or named by the caller. `remoteRef: {key, property, version}` and `dataFrom: - extract: {key}`.
import { isMap, isScalar, isSeq, parseAllDocuments, type Node as YamlNode, type YAMLMap } from 'yaml';
import type { RawReference } from './types';

const STORE_KINDS = new Set(['SecretStore', 'ClusterSecretStore']);

export function findExternalSecrets(text: string, knownStores: readonly string[] = []): RawReference[] {
  if (!text.includes('ExternalSecret') || !(text.includes('remoteRef') || text.includes('extract'))) return [];
  let documents;
  try {
    documents = parseAllDocuments(text);
  } catch {
    return [];
  }
  if (!Array.isArray(documents)) return [];
  const maps: YAMLMap[] = [];
  for (const document of documents) if (isMap(document.contents)) maps.push(document.contents);
  const stores = new Set(knownStores);
  for (const doc of maps) {
    if (!STORE_KINDS.has(String(doc.get('kind'))) || !isMap(doc.get('spec'))) continue;
    if (String(doc.getIn(['spec', 'provider', 'aws', 'service'])) === 'SecretsManager') {
      stores.add(String(doc.getIn(['metadata', 'name'])));
    }
  }
  const found: RawReference[] = [];
  for (const doc of maps) {
    const kind = String(doc.get('kind'));
    const spec =
      kind === 'ExternalSecret'
        ? doc.get('spec')
        : kind === 'ClusterExternalSecret'
          ? doc.getIn(['spec', 'externalSecretSpec'])
          : undefined;
    if (!isMap(spec)) continue;
    const defaultStore = String(spec.getIn(['secretStoreRef', 'name']));
    const entries = [...items(spec.get('data')), ...items(spec.get('dataFrom'))];
    for (const entry of entries) {
      if (!isMap(entry)) continue;
      const store = entry.getIn(['sourceRef', 'storeRef', 'name']);
      if (!stores.has(store === undefined ? defaultStore : String(store))) continue;
      const ref = entry.get('remoteRef') ?? entry.get('extract');
      if (isMap(ref)) addReference(found, text, ref);
    }
  }
  return found;
}

function items(node: unknown): unknown[] {
  return isSeq(node) ? node.items : [];
}

function addReference(found: RawReference[], text: string, ref: YAMLMap): void {
  const key = ref.get('key', true) as YamlNode | undefined;
  if (!isScalar(key) || typeof key.value !== 'string' || !key.value || !key.range) return;
  let offset = key.range[0];
  if (text[offset] === '"' || text[offset] === "'") offset++;
  // a scalar written with escapes does not map one to one onto its value: leave it out
  if (text.slice(offset, offset + key.value.length) !== key.value) return;
  const property = ref.get('property');
  const version = ref.get('version');
  const versionText = typeof version === 'string' ? version : undefined;
  found.push({
    secretId: key.value,
    kind: 'external-secret',
    offset,
    length: key.value.length,
    ...(typeof property === 'string' && property ? { jsonKey: property } : {}),
    // ESO names a version id as `uuid/<id>`, anything else is a staging label
    ...(versionText?.startsWith('uuid/') ? { versionId: versionText.slice(5) } : {}),
    ...(versionText && !versionText.startsWith('uuid/') ? { versionStage: versionText } : {}),
  });
}
