// What a click on a secret in the tree opens: a read-only Markdown page of the secret's details and versions,
// `secrets-workbench-info:/<connection>/<name>`. The value stays masked: a click must not put it on screen;
// Open Secret Value (the inline action) shows and edits it.
import * as vscode from 'vscode';
import { Emitter } from '../../core/events';
import { toVscodeEvent } from '../events';
import { secretTooltip } from '../../core/explorer/present';
import { Schemes } from '../constants';
import type { Services } from '../services';
import { parseSecretPath, secretPath, type SecretDocumentRef } from './secret-uri';

export function secretInfoUri(ref: SecretDocumentRef): vscode.Uri {
  return vscode.Uri.from({ scheme: Schemes.info, ...secretPath({ connectionId: ref.connectionId, name: ref.name }) });
}

export class SecretInfoDocuments implements vscode.TextDocumentContentProvider {
  private readonly changed = new Emitter<vscode.Uri>();
  readonly onDidChange = toVscodeEvent(this.changed.event);

  constructor(private readonly services: Services) {}

  /** Re-reads an open info page (after a rotation, a save, a deletion). */
  refresh(connectionId: string, name: string): void {
    const uri = secretInfoUri({ connectionId, name }).toString();
    for (const document of vscode.workspace.textDocuments)
      if (document.uri.toString() === uri) this.changed.fire(document.uri);
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const ref = parseSecretPath(uri.path, uri.query);
    const connection = this.services.connections.get(ref.connectionId);
    const store = await this.services.connections.getStore(ref.connectionId);
    const secret = await store.describeSecret(ref.name);
    const versions = Object.entries(secret.versionIdsToStages ?? {}).map(
      ([id, stages]) => `- \`${id}\`: ${stages.length ? stages.join(', ') : 'deprecated'}`,
    );
    return [
      secretTooltip(secret),
      `- Connection: ${connection.label}`,
      '',
      '**Value**: `••••••••` (hidden; "Open Secret Value" shows and edits it)',
      '',
      '**Versions**',
      '',
      ...(versions.length ? versions : ['- none']),
      '',
    ].join('\n');
  }

  dispose(): void {
    this.changed.dispose();
  }
}
