// "Rotation Health" on a connection: a read-only Markdown page, `secrets-workbench-rotation:/<connection>/…`,
// computed from the listing when opened. Values are not read: a credential is recognised from metadata only
// (see core/posture/rotation-health.ts), so a credential with rotation off that its metadata does not mark
// shows as never rotated rather than not configured.
import * as vscode from 'vscode';
import { Emitter } from '../../core/events';
import { toVscodeEvent } from '../events';
import { readRotationHealth, rotationHealth } from '../../core/posture/rotation-health';
import { describeWithReplicas } from '../../core/posture/kms-replicas';
import { rotationReport, type ReportRow } from '../../core/posture/rotation-report';
import { looksLikeDatabaseSecret } from '../../core/database/detect';
import { Stage } from '../../core/store/types';
import { PostureCommands, Schemes } from '../constants';
import type { Services } from '../services';
import { registerCommand } from '../commands/runner';
import { connectionOf, pickConnection } from '../commands/targets';

export function rotationReportUri(connectionId: string): vscode.Uri {
  return vscode.Uri.from({ scheme: Schemes.rotation, path: `/${encodeURIComponent(connectionId)}/Rotation Health.md` });
}

export class RotationReportDocuments implements vscode.TextDocumentContentProvider {
  private readonly changed = new Emitter<vscode.Uri>();
  readonly onDidChange = toVscodeEvent(this.changed.event);

  constructor(private readonly services: Services) {}

  refresh(uri: vscode.Uri): void {
    this.changed.fire(uri);
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const connectionId = decodeURIComponent(uri.path.split('/')[1] ?? '');
    const connection = this.services.connections.get(connectionId);
    const store = await this.services.connections.getStore(connectionId);
    const now = new Date();
    const rows: ReportRow[] = [];
    let nextToken: string | undefined;
    do {
      const page = await store.listSecrets({ maxResults: 100, ...(nextToken ? { nextToken } : {}) });
      // replicas only come with DescribeSecret: described where the store has them
      const secrets = connection.capabilities.replicas ? await describeWithReplicas(store, page.secrets) : page.secrets;
      for (const metadata of secrets) {
        const pending = Object.values(metadata.versionIdsToStages).some(
          (stages) => stages.includes(Stage.pending) && !stages.includes(Stage.current),
        );
        // rare: only then are the versions listed, for how long AWSPENDING has been there
        const health = pending
          ? await readRotationHealth(store, metadata.arn, now)
          : rotationHealth({ metadata, credentialShaped: looksLikeDatabaseSecret(metadata) }, now);
        rows.push({ name: metadata.name, health, metadata });
      }
      nextToken = page.nextToken;
    } while (nextToken);
    return rotationReport(connection.label, rows, now);
  }

  dispose(): void {
    this.changed.dispose();
  }
}

export function registerRotationReport(services: Services): vscode.Disposable[] {
  const documents = new RotationReportDocuments(services);
  return [
    documents,
    vscode.workspace.registerTextDocumentContentProvider(Schemes.rotation, documents),
    registerCommand(services, PostureCommands.rotationHealthReport, async (node) => {
      const connection = connectionOf(node, services) ?? (await pickConnection(services, 'Rotation Health'));
      const uri = rotationReportUri(connection.id);
      documents.refresh(uri);
      const document = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(document, { preview: true });
      return document.uri;
    }),
  ];
}
