// Kubernetes manifests naming Secrets Manager: External Secrets Operator `ExternalSecret`s (and
// `ClusterExternalSecret`s) whose store is an AWS Secrets Manager `SecretStore`/`ClusterSecretStore`, defined in
// the same file or named by the caller. `remoteRef: {key, property, version}` and `dataFrom: - extract: {key}`.
import { isMap, isScalar, isSeq, parseAllDocuments, type Node as YamlNode, type YAMLMap } from 'yaml';
import type { RawReference } from './types';

const STORE_KINDS = new Set(['SecretStore', 'ClusterSecretStore']);

/** The YAML documents of a manifest that are maps; [] when it does not parse. */
function manifests(text: string): YAMLMap[] {
  let documents;
  try {
    documents = parseAllDocuments(text);
  } catch {
    return [];
  }
  if (!Array.isArray(documents)) return [];
  const maps: YAMLMap[] = [];
  for (const document of documents) if (isMap(document.contents)) maps.push(document.contents);
  return maps;
}

function storeNames(maps: readonly YAMLMap[]): string[] {
  const names: string[] = [];
  for (const doc of maps) {
    if (!STORE_KINDS.has(String(doc.get('kind'))) || !isMap(doc.get('spec'))) continue;
    if (String(doc.getIn(['spec', 'provider', 'aws', 'service'])) === 'SecretsManager') {
      names.push(String(doc.getIn(['metadata', 'name'])));
    }
  }
  return names;
}

/** Names of the AWS Secrets Manager SecretStores/ClusterSecretStores a manifest defines (for other files). */
export function secretsManagerStoresIn(text: string): string[] {
  if (!text.includes('SecretsManager') || !text.includes('SecretStore')) return [];
  return storeNames(manifests(text));
}

/** Whether a manifest has ExternalSecrets whose references depend on stores defined elsewhere. */
export function mayReferenceExternalStores(text: string): boolean {
  return text.includes('ExternalSecret') && (text.includes('remoteRef') || text.includes('extract'));
}

export function findExternalSecrets(text: string, knownStores: readonly string[] = []): RawReference[] {
  if (!mayReferenceExternalStores(text)) return [];
  const maps = manifests(text);
  const stores = new Set([...knownStores, ...storeNames(maps)]);
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

const CSI_ITEM_START = /^[ \t]*-[ \t]/gm;
const CSI_NAME = /objectName:[ \t]*["']?([A-Za-z0-9/_+=.@:-]+)/;
const CSI_FIELD = (field: string) => new RegExp(`${field}:[ \\t]*["']?([^"'\\s]+)`);

/**
 * Secrets Store CSI driver `SecretProviderClass`es of the AWS provider: each `objects` entry with
 * `objectType: secretsmanager` (its `objectVersionLabel` a stage, `objectVersion` a version id). The entries
 * are YAML inside a block string, read from the manifest's source so positions stay exact.
 */
export function findSecretProviderObjects(text: string): RawReference[] {
  if (!text.includes('SecretProviderClass') || !text.includes('secretsmanager')) return [];
  const found: RawReference[] = [];
  for (const doc of manifests(text)) {
    if (String(doc.get('kind')) !== 'SecretProviderClass' || String(doc.getIn(['spec', 'provider'])) !== 'aws')
      continue;
    const objects = doc.getIn(['spec', 'parameters', 'objects'], true);
    if (!isScalar(objects) || !objects.range) continue;
    const start = objects.range[0];
    const source = text.slice(start, objects.range[1]);
    const starts = [...source.matchAll(CSI_ITEM_START)].map((m) => m.index);
    starts.forEach((itemStart, i) => {
      const item = source.slice(itemStart, starts[i + 1] ?? source.length);
      const name = CSI_NAME.exec(item);
      if (!name || CSI_FIELD('objectType').exec(item)?.[1] !== 'secretsmanager') return;
      const stage = CSI_FIELD('objectVersionLabel').exec(item)?.[1];
      const versionId = CSI_FIELD('objectVersion').exec(item)?.[1];
      found.push({
        secretId: name[1],
        kind: 'secret-provider-class',
        offset: start + itemStart + name.index + name[0].length - name[1].length,
        length: name[1].length,
        ...(stage ? { versionStage: stage } : {}),
        ...(versionId ? { versionId } : {}),
      });
    });
  }
  return found;
}
