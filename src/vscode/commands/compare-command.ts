// Compare…: VS Code's diff editor on read-only, key-sorted texts. What to compare is the compare use case's
// choice (two versions, two secrets, or the same name in two connections); this file opens the diff.
import * as vscode from 'vscode';
import { chooseComparison, listAllVersions, resolveVersion, type Side } from '../../core/usecases/compare';
import { Commands } from '../constants';
import { compareUri } from '../documents/compare-documents';
import { highlightIfJson } from '../documents/json-language';
import type { Services } from '../services';
import { attempt, registerCommand } from './runner';
import { pickConnection, pickSecret, resolveSecret } from './targets';

export function registerCompareCommand(services: Services): vscode.Disposable {
  return registerCommand(services, Commands.compare, async (node) => {
    const title = 'Compare Secrets';
    const target = await resolveSecret(services, node, title, (s) => !s.deletedDate);
    const { connection, secret } = target;
    const storeOf = (id: string) => services.connections.getStore(id);
    const others = services.connections.list().filter((c) => c.id !== connection.id);
    const [left, right] = await chooseComparison(
      services.ui(),
      { connectionId: connection.id, name: secret.name, versionId: target.versionId },
      {
        versions: async () => (await listAllVersions(await storeOf(connection.id), secret.name)).versions,
        otherConnections: others.map((c) => c.label),
        pickOtherSecret: async () =>
          (await pickSecret(services, connection, title, (s) => s.name !== secret.name && !s.deletedDate)).name,
        pickOtherConnection: async () => {
          const other = await pickConnection(services, title, (c) => c.id !== connection.id);
          const store = await storeOf(other.id);
          await attempt(`Finding "${secret.name}" in ${other.label}`, () => store.describeSecret(secret.name));
          return other.id;
        },
      },
    );
    const [leftSide, rightSide] = [await opened(services, left), await opened(services, right)];
    const diffTitle = `${leftSide.label} ↔ ${rightSide.label}`;
    await attempt('Reading the values to compare', () =>
      Promise.all(
        [leftSide.uri, rightSide.uri].map(async (uri) => highlightIfJson(await vscode.workspace.openTextDocument(uri))),
      ),
    );
    await vscode.commands.executeCommand('vscode.diff', leftSide.uri, rightSide.uri, diffTitle, { preview: true });
    return { left: leftSide.uri.toString(), right: rightSide.uri.toString(), title: diffTitle };
  });
}

/** A side's document and its label: "name (stages[, connection])". */
async function opened(services: Services, side: Side): Promise<{ uri: vscode.Uri; label: string }> {
  const store = await services.connections.getStore(side.connectionId);
  const { versionId, stages } = await resolveVersion(store, side.name, side.which);
  const stageText = stages.length ? stages.join(', ') : versionId.slice(0, 8);
  const several = services.connections.list().length > 1;
  const where = several ? `, ${services.connections.get(side.connectionId).label}` : '';
  return {
    uri: compareUri({ connectionId: side.connectionId, name: side.name, versionId }),
    label: `${side.name} (${stageText}${where})`,
  };
}
