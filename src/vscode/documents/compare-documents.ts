// Read-only texts for the diff editor: `secrets-workbench-compare:/<connection>/<name>?version=<id>`,
// JSON key-sorted so that a reordering does not show as a change.
import * as vscode from 'vscode';
import { canonicalForCompare } from '../../core/explorer/value-format';
import { Schemes } from '../constants';
import type { Services } from '../services';
import { parseSecretPath, secretPath, type SecretDocumentRef } from './secret-uri';

export function compareUri(ref: SecretDocumentRef & { versionId: string }): vscode.Uri {
  return vscode.Uri.from({ scheme: Schemes.compare, ...secretPath(ref) });
}

export class CompareDocuments implements vscode.TextDocumentContentProvider {
  constructor(private readonly services: Services) {}

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const ref = parseSecretPath(uri.path, uri.query);
    const store = await this.services.connections.getStore(ref.connectionId);
    const value = await store.getSecretValue({ secretId: ref.name, versionId: ref.versionId });
    return value.secretString !== undefined
      ? canonicalForCompare(value.secretString)
      : `(binary value, ${value.secretBinary?.byteLength ?? 0} bytes)\n`;
  }
}
