// "Rotation Health" on a connection: a read-only Markdown page, `secrets-workbench-rotation:/<connection>/…`,
// rendered by the use case (core/usecases/rotation-health-report.ts) when the command runs.
import * as vscode from 'vscode';
import { rotationHealthReport } from '../../core/usecases/rotation-health-report';
import { PostureCommands, Schemes } from '../constants';
import { ReportPages } from '../documents/report-pages';
import type { Services } from '../services';
import { registerCommand } from '../commands/runner';
import { connectionOf, pickConnection } from '../commands/targets';

export function rotationReportUri(connectionId: string): vscode.Uri {
  return vscode.Uri.from({ scheme: Schemes.rotation, path: `/${encodeURIComponent(connectionId)}/Rotation Health.md` });
}

async function renderRotationHealth(services: Services, uri: vscode.Uri): Promise<string> {
  const connectionId = decodeURIComponent(uri.path.split('/')[1] ?? '');
  const store = await services.connections.getStore(connectionId);
  return rotationHealthReport(store, services.connections.get(connectionId).label);
}

export function registerRotationReport(services: Services): vscode.Disposable[] {
  const pages = new ReportPages((uri) => renderRotationHealth(services, uri));
  return [
    ...pages.register(Schemes.rotation),
    registerCommand(services, PostureCommands.rotationHealthReport, async (node) => {
      const connection = connectionOf(node, services) ?? (await pickConnection(services, 'Rotation Health'));
      return pages.open(rotationReportUri(connection.id));
    }),
  ];
}
