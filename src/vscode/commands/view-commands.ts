// Explorer view commands: refresh, filter, grouping and deprecated-version toggles, paging, retry, log.
import * as vscode from 'vscode';
import { describeFilter, parseFilterText } from '../../core/explorer/filter';
import { Commands, Settings } from '../constants';
import type { Services } from '../services';
import type { ExplorerNode } from '../tree/nodes';
import { connectionOf, pickConnection } from './targets';
import { registerCommand, required } from './runner';

export function registerViewCommands(services: Services): vscode.Disposable[] {
  const setSetting = async (key: string, value: unknown) =>
    vscode.workspace.getConfiguration(Settings.section).update(key, value, vscode.ConfigurationTarget.Global);
  return [
    registerCommand(services, Commands.refresh, async (node) => {
      const connection = connectionOf(node, services);
      for (const c of connection ? [connection] : services.connections.list()) {
        // The AWS store caches values; a refresh must show what is in the service now.
        if (services.connections.isOpen(c.id)) {
          const store = (await services.connections.getStore(c.id).catch(() => undefined)) as
            { invalidateCache?(): void } | undefined;
          store?.invalidateCache?.();
        }
      }
      services.model.refresh(connection?.id);
    }),
    registerCommand(services, Commands.filter, async (node) => {
      const connection = connectionOf(node, services) ?? (await pickConnection(services, 'Filter Secrets'));
      const current = services.model.getFilter(connection.id);
      const text = required(
        await services.ui().text({
          title: `Filter Secrets in ${connection.label}`,
          prompt:
            'Words match any field; prefix with name:, tag:, tag-value: or description:. Filtering happens on the server.',
          value: current
            ? current
                .map((f) =>
                  f.values.map((v) => (f.key === 'all' ? v : `${f.key === 'tag-key' ? 'tag' : f.key}:${v}`)).join(' '),
                )
                .join(' ')
            : '',
          placeholder: 'e.g. name:prod/ tag:team',
        }),
      );
      const filters = parseFilterText(text);
      services.model.setFilter(connection.id, filters);
      services.log.info(`Filter of ${connection.label}: ${filters ? describeFilter(filters) : 'none'}`);
    }),
    registerCommand(services, Commands.clearFilter, async (node) => {
      const connection = connectionOf(node, services) ?? (await pickConnection(services, 'Clear Filter'));
      services.model.setFilter(connection.id, undefined);
    }),
    registerCommand(services, Commands.groupByFolder, () => setSetting(Settings.groupByFolder, true)),
    registerCommand(services, Commands.showFlat, () => setSetting(Settings.groupByFolder, false)),
    registerCommand(services, Commands.showDeprecated, () => setSetting(Settings.showDeprecated, true)),
    registerCommand(services, Commands.hideDeprecated, () => setSetting(Settings.showDeprecated, false)),
    registerCommand(services, Commands.loadMore, async (node) => {
      const n = node as Extract<ExplorerNode, { kind: 'loadMore' }> | undefined;
      const connectionId = n?.connectionId ?? (await pickConnection(services, 'Load More Secrets')).id;
      await services.model.loadMore(connectionId, n?.secretName);
    }),
    registerCommand(services, Commands.retry, async (node) => {
      const n = node as Extract<ExplorerNode, { kind: 'error' }> | undefined;
      if (!n) return services.model.refresh();
      if (n.retry.kind === 'connection') services.connections.forget(n.connectionId);
      services.model.refresh(n.connectionId, n.retry.kind === 'secret' ? n.retry.secret.name : undefined);
    }),
    registerCommand(services, Commands.showLog, async () => services.log.show()),
  ];
}
