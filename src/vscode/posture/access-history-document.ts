// "Who Read This Secret": a read-only Markdown page, `secrets-workbench-access:/<connection>/<name>.access.md`,
// of the calls made on a secret (CloudTrail for AWS, the local server's access log for the vault), newest first,
// with Last accessed and the cleanup mark. The command reads the history first, so a failure (a missing
// cloudtrail:LookupEvents permission) is one notification, not a broken document.
import * as vscode from 'vscode';
import { accessHistoryReport } from '../../core/access/report';
import { Emitter } from '../../core/events';
import { readSecretAccessHistory } from '../../core/usecases/access-history';
import { PostureCommands, Schemes } from '../constants';
import { toVscodeEvent } from '../events';
import type { Services } from '../services';
import { registerCommand } from '../commands/runner';
import { resolveSecret } from '../commands/targets';
import { parseSecretPath, secretPath } from '../documents/secret-uri';

const suffix = '.access.md';

export function accessHistoryUri(connectionId: string, name: string): vscode.Uri {
  return vscode.Uri.from({ scheme: Schemes.access, path: secretPath({ connectionId, name }).path + suffix });
}

export class AccessHistoryDocuments implements vscode.TextDocumentContentProvider {
  private readonly changed = new Emitter<vscode.Uri>();
  readonly onDidChange = toVscodeEvent(this.changed.event);
  /** The last page read per URI: what the document shows until the command reads it again. */
  private readonly pages = new Map<string, string>();

  constructor(private readonly services: Services) {}

  /** Reads the history now (errors go to the caller) and shows it in the document, open or not. */
  async refresh(uri: vscode.Uri): Promise<void> {
    this.pages.set(uri.toString(), await this.render(uri));
    this.changed.fire(uri);
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    return this.pages.get(uri.toString()) ?? this.render(uri);
  }

  private async render(uri: vscode.Uri): Promise<string> {
    const { connectionId, name } = parseSecretPath(uri.path.slice(0, -suffix.length), '');
    const store = await this.services.connections.getStore(connectionId);
    const now = new Date();
    const history = await readSecretAccessHistory(store, name, { now });
    return accessHistoryReport(this.services.connections.get(connectionId).label, history, now);
  }

  dispose(): void {
    this.changed.dispose();
  }
}

export function registerAccessHistory(services: Services): vscode.Disposable[] {
  const documents = new AccessHistoryDocuments(services);
  return [
    documents,
    vscode.workspace.registerTextDocumentContentProvider(Schemes.access, documents),
    registerCommand(services, PostureCommands.whoReadThisSecret, async (node) => {
      const { connection, secret } = await resolveSecret(services, node, 'Who Read This Secret');
      const uri = accessHistoryUri(connection.id, secret.name);
      await documents.refresh(uri);
      const document = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(document, { preview: true });
      return document.uri;
    }),
  ];
}
