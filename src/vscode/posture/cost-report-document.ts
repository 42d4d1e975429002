// "Cost Estimate" on a connection or folder: a read-only Markdown page, `secrets-workbench-cost:/<connection>/
// [<folder>/…]Cost Estimate.md`, computed when opened by the use case (core/usecases/cost-estimate.ts) from
// metadata and the access sample the composition gives. No value is read.
import * as vscode from 'vscode';
import { costReport } from '../../core/posture/cost-report';
import { estimateStoreCost, type AccessSamplePort } from '../../core/usecases/cost-estimate';
import type { SecretStore } from '../../core/store/types';
import type { Connection } from '../connections/connection-manager';
import { PostureCommands, Schemes, Settings } from '../constants';
import { ReportPages } from '../documents/report-pages';
import type { Services } from '../services';
import { costPrices } from '../settings';
import { registerCommand } from '../commands/runner';
import { connectionOf, pickConnection } from '../commands/targets';
import type { ExplorerNode } from '../tree/nodes';

/** The access sample of a connection (local server log, CloudTrail), or none. */
export type AccessSampleOf = (connection: Connection, store: SecretStore) => AccessSamplePort | undefined;

export function costReportUri(connectionId: string, prefix = ''): vscode.Uri {
  const folders = prefix.split('/').filter(Boolean).map(encodeURIComponent);
  const path = ['', encodeURIComponent(connectionId), ...folders, 'Cost Estimate.md'].join('/');
  return vscode.Uri.from({ scheme: Schemes.cost, path });
}

function parseCostReportUri(uri: vscode.Uri): { connectionId: string; prefix: string } {
  const [, connection = '', ...rest] = uri.path.split('/').map(decodeURIComponent);
  const folders = rest.slice(0, -1);
  return { connectionId: connection, prefix: folders.length ? `${folders.join('/')}/` : '' };
}

/** The page of `uri`: the connection's (or folder's) cost estimated now. */
async function renderCostEstimate(services: Services, accessSampleOf: AccessSampleOf, uri: vscode.Uri) {
  const { connectionId, prefix } = parseCostReportUri(uri);
  const connection = services.connections.get(connectionId);
  const prices = costPrices(vscode.workspace.getConfiguration(Settings.section));
  const now = new Date();
  const store = await services.connections.getStore(connectionId);
  const accessSample = accessSampleOf(connection, store);
  const result = await estimateStoreCost({ store, prefix, prices, now, accessSample });
  return costReport({
    scope: prefix ? `${connection.label} / ${prefix}` : connection.label,
    ...result,
    prices,
    localOnly: connection.capabilities.localOnly,
    generatedAt: now,
  });
}

export function registerCostReport(services: Services, accessSampleOf: AccessSampleOf): vscode.Disposable[] {
  const pages = new ReportPages((uri) => renderCostEstimate(services, accessSampleOf, uri));
  return [
    ...pages.register(Schemes.cost),
    registerCommand(services, PostureCommands.costEstimate, async (node) => {
      const connection = connectionOf(node, services) ?? (await pickConnection(services, 'Cost Estimate'));
      const target = node as ExplorerNode | undefined;
      return pages.open(costReportUri(connection.id, target?.kind === 'folder' ? target.prefix : ''));
    }),
  ];
}
