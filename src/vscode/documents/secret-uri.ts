// URIs of secret documents: `<scheme>:/<connection id>/<secret name>[?version=<id>]`. No vscode import.

export interface SecretDocumentRef {
  connectionId: string;
  name: string;
  versionId?: string;
}

export function secretPath(ref: SecretDocumentRef): { path: string; query: string } {
  return {
    path: `/${encodeURIComponent(ref.connectionId)}/${ref.name}`,
    query: ref.versionId ? `version=${encodeURIComponent(ref.versionId)}` : '',
  };
}

export function parseSecretPath(path: string, query: string): SecretDocumentRef {
  const match = /^\/([^/]+)\/(.+)$/.exec(path);
  if (!match) throw new Error(`Not a secret document path: ${path}`);
  const versionId = new URLSearchParams(query).get('version') ?? undefined;
  return { connectionId: decodeURIComponent(match[1]), name: match[2], ...(versionId ? { versionId } : {}) };
}
