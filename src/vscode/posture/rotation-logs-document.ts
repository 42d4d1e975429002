// "Show Rotation Logs" on a secret: a read-only Markdown page, `secrets-workbench-rotation-logs:/<connection>/<name>…`,
// with the rotation function's recent events for the failing step and a link to the Lambda. The use case
// (core/usecases/rotation-logs.ts) reads CloudWatch Logs on AWS and the recorded local steps otherwise; the
// command computes the page, so a failure is reported like any command's, and the provider serves it.
import * as vscode from 'vscode';
import { showRotationLogs } from '../../core/usecases/rotation-logs';
import { PostureCommands, Schemes } from '../constants';
import type { Services } from '../services';
import { registerCommand } from '../commands/runner';
import { contextSecretTarget, destinationOf, resolveSecret } from '../commands/targets';
import { ReportPages } from '../documents/report-pages';

export function rotationLogsUri(connectionId: string, name: string): vscode.Uri {
  const path = `/${encodeURIComponent(connectionId)}/${encodeURIComponent(name)} rotation logs.md`;
  return vscode.Uri.from({ scheme: Schemes.rotationLogs, path });
}

export function registerRotationLogs(services: Services): vscode.Disposable[] {
  const pages = new ReportPages(() => 'Run "Show Rotation Logs" on the secret again to read its logs.');
  return [
    ...pages.register(Schemes.rotationLogs),
    registerCommand(services, PostureCommands.showRotationLogs, async (node) => {
      const { connection, secret } =
        (node === undefined ? await contextSecretTarget(services) : undefined) ??
        (await resolveSecret(services, node, 'Show Rotation Logs'));
      const text = await showRotationLogs(services.ports(), destinationOf(services, connection), secret.name);
      return pages.open(rotationLogsUri(connection.id, secret.name), text);
    }),
  ];
}
