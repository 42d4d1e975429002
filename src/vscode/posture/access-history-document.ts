// "Who Read This Secret": a read-only Markdown page, `secrets-workbench-access:/<connection>/<name>.access.md`,
// of the calls made on a secret (CloudTrail for AWS, the local server's access log for the vault), newest first,
// with Last accessed and the cleanup mark. The command reads the history first, so a failure (a missing
// cloudtrail:LookupEvents permission) is one notification, not a broken document.
import * as vscode from 'vscode';
import { accessHistoryReport } from '../../core/access/report';
import { readSecretAccessHistory } from '../../core/usecases/access-history';
import { PostureCommands, Schemes } from '../constants';
import type { Services } from '../services';
import { registerCommand } from '../commands/runner';
import { resolveSecret } from '../commands/targets';
import { ReportPages } from '../documents/report-pages';
import { parseSecretPath, secretPath } from '../documents/secret-uri';

const suffix = '.access.md';

export function accessHistoryUri(connectionId: string, name: string): vscode.Uri {
  return vscode.Uri.from({ scheme: Schemes.access, path: secretPath({ connectionId, name }).path + suffix });
}

/** The page of `uri`: the history read now. */
async function renderAccessHistory(services: Services, uri: vscode.Uri): Promise<string> {
  const { connectionId, name } = parseSecretPath(uri.path.slice(0, -suffix.length), '');
  const store = await services.connections.getStore(connectionId);
  const now = new Date();
  const history = await readSecretAccessHistory(store, name, { now });
  return accessHistoryReport(services.connections.get(connectionId).label, history, now);
}

export function registerAccessHistory(services: Services): vscode.Disposable[] {
  const pages = new ReportPages((uri) => renderAccessHistory(services, uri));
  return [
    ...pages.register(Schemes.access),
    registerCommand(services, PostureCommands.whoReadThisSecret, async (node) => {
      const { connection, secret } = await resolveSecret(services, node, 'Who Read This Secret');
      return pages.open(accessHistoryUri(connection.id, secret.name));
    }),
  ];
}
