// How each node looks: label, description, Markdown tooltip, codicon, context value, click command.
// Free of `vscode` (tree-provider.ts turns this into a TreeItem), so it is unit-tested in plain Node.
import { describeFilter } from '../../core/explorer/filter';
import {
  escapeMarkdown,
  isStuckPending,
  secretDescription,
  secretMarkings,
  secretTooltip,
  versionDescription,
  versionLabel,
  versionTooltip,
} from '../../core/explorer/present';
import { looksLikeDatabaseSecret } from '../../core/database/detect';
import type { CostEstimate } from '../../core/posture/cost';
import { costLens } from '../../core/posture/cost-report';
import { rotationBadge } from '../../core/posture/rotation-badge';
import { listedRotationHealth } from '../../core/posture/rotation-health';
import type { StoreCapabilities } from '../../core/store/capabilities';
import { Stage } from '../../core/store/types';
import { Commands, ContextValue } from '../constants';
import type { ExplorerNode } from './nodes';

export interface ItemPresentation {
  label: string;
  description?: string;
  /** Markdown. */
  tooltip?: string;
  icon: { id: string; color?: string };
  contextValue: string;
  collapsible: 'none' | 'collapsed' | 'expanded';
  command?: { command: string; title: string; args: unknown[] };
}

export interface PresentationContext {
  getFilter(connectionId: string): Parameters<typeof describeFilter>[0];
  capabilitiesOf(connectionId: string): StoreCapabilities | undefined;
  /** The clock rotation health is judged by (default: now). */
  now?(): Date;
  /** The cost of a connection ('') or folder from what is loaded (explorer-model.ts); none: not shown. */
  costOf?(connectionId: string, prefix: string): { estimate: CostEstimate; complete: boolean } | undefined;
}

/** The cost lens of a connection or folder, when there is one to show. */
function lensOf(context: PresentationContext, connectionId: string, prefix: string) {
  const cost = context.costOf?.(connectionId, prefix);
  if (!cost) return undefined;
  return costLens(cost.estimate, {
    complete: cost.complete,
    localOnly: context.capabilitiesOf(connectionId)?.localOnly ?? false,
    filtered: context.getFilter(connectionId) !== undefined,
  });
}

/** Context-value flags of a store's capabilities, named as the menus' `when` clauses test them. */
export function capabilityFlags(capabilities: StoreCapabilities | undefined): string[] {
  if (!capabilities) return [];
  const flags: Array<[boolean, string]> = [
    [capabilities.localOnly, 'localOnly'],
    [!capabilities.localOnly, 'cloud'],
    [capabilities.rotationLambda, 'rotationLambda'],
    [capabilities.resourcePolicy, 'resourcePolicy'],
    [capabilities.kms, 'kms'],
    [capabilities.replicas, 'replicas'],
    [capabilities.recoveryWindow, 'recoveryWindow'],
    [capabilities.accessHistory, 'accessHistory'],
  ];
  return flags.filter(([on]) => on).map(([, flag]) => flag);
}

export function present(node: ExplorerNode, context: PresentationContext): ItemPresentation {
  switch (node.kind) {
    case 'connection': {
      const { connection } = node;
      const filter = context.getFilter(connection.id);
      const local = connection.capabilities.localOnly;
      const flags = [...capabilityFlags(connection.capabilities), ...(filter ? ['filtered'] : [])];
      const lens = lensOf(context, connection.id, '');
      const about =
        connection.kind === 'local'
          ? 'The encrypted local vault (default connection). Its key is kept in VS Code secret storage.'
          : [
              `AWS profile \`${connection.profile}\``,
              `Region \`${connection.region}\``,
              connection.endpoint ? `Endpoint ${connection.endpoint}` : '',
            ]
              .filter(Boolean)
              .join('  \n');
      return {
        label: connection.label,
        description:
          [filter ? `filter: ${describeFilter(filter)}` : local ? 'default' : '', lens?.description ?? '']
            .filter(Boolean)
            .join(' · ') || undefined,
        tooltip: lens ? `${about}\n\n${lens.tooltip}` : about,
        icon: { id: local ? 'lock' : 'cloud' },
        contextValue: ContextValue.of('connection', ...flags),
        collapsible: local ? 'expanded' : 'collapsed',
      };
    }
    case 'folder': {
      const lens = lensOf(context, node.connectionId, node.prefix);
      return {
        label: node.name,
        description: lens?.description,
        tooltip: [escapeMarkdown(node.prefix), lens?.tooltip].filter(Boolean).join('\n\n'),
        icon: { id: 'folder' },
        contextValue: ContextValue.of('folder'),
        collapsible: 'collapsed',
      };
    }
    case 'secret': {
      const m = secretMarkings(node.secret);
      // from the listing only: no call per secret, no value
      const badge = rotationBadge(listedRotationHealth(node.secret, context.now?.() ?? new Date()), escapeMarkdown);
      const flags = [
        ...capabilityFlags(context.capabilitiesOf(node.connectionId)),
        ...(m.scheduledForDeletion ? ['deleted'] : []),
        ...(m.rotationEnabled ? ['rotating'] : []),
        ...(m.stuckPending ? ['stuck'] : []),
        ...(badge.state === 'failed' ? ['rotationFailed'] : []),
        // from metadata only: the tree never reads values to draw itself
        ...(looksLikeDatabaseSecret(node.secret) ? ['database'] : []),
      ];
      const icon = m.scheduledForDeletion
        ? { id: 'trash', color: 'disabledForeground' }
        : badge.icon
          ? badge.icon
          : m.stuckPending
            ? { id: 'warning', color: 'list.warningForeground' }
            : m.rotationEnabled
              ? { id: 'sync' }
              : { id: 'key' };
      return {
        label: node.label,
        description: [secretDescription(node.secret), badge.label].filter(Boolean).join(' · ') || undefined,
        tooltip: `${secretTooltip(node.secret)}\n\n${badge.tooltip}`,
        icon,
        contextValue: ContextValue.of('secret', ...flags),
        collapsible: 'collapsed',
        // A click shows the details with the value masked (Open Secret Value, inline, shows the value).
        command: { command: Commands.showSecretDetails, title: 'Show Secret Details', args: [node] },
      };
    }
    case 'version': {
      const stages = node.version.versionStages;
      const stuck = isStuckPending(node.version);
      const icon = stuck
        ? { id: 'warning', color: 'list.warningForeground' }
        : stages.includes(Stage.current)
          ? { id: 'circle-filled', color: 'charts.green' }
          : stages.includes(Stage.pending)
            ? { id: 'sync' }
            : stages.includes(Stage.previous)
              ? { id: 'history' }
              : stages.length
                ? { id: 'tag' }
                : { id: 'circle-outline', color: 'disabledForeground' };
      const flags = [
        ...capabilityFlags(context.capabilitiesOf(node.connectionId)),
        ...(stages.includes(Stage.current) ? ['current'] : []),
        ...(stages.length ? [] : ['deprecated']),
        ...(stuck ? ['stuck'] : []),
        // The secret's deletion is the version's too: menus hide what the store would refuse.
        ...(secretMarkings(node.secret).scheduledForDeletion ? ['deleted'] : []),
      ];
      return {
        label: versionLabel(node.version),
        description: versionDescription(node.version),
        tooltip: versionTooltip(node.version),
        icon,
        contextValue: ContextValue.of('version', ...flags),
        collapsible: 'none',
      };
    }
    case 'loadMore':
      return {
        label: 'Load more…',
        description: `${node.loadedCount} loaded`,
        icon: { id: 'ellipsis' },
        contextValue: ContextValue.of('loadMore'),
        collapsible: 'none',
        command: { command: Commands.loadMore, title: 'Load More', args: [node] },
      };
    case 'error':
      return {
        label: `${node.operation} failed: ${node.message}`,
        description: 'click to retry',
        tooltip: `**${node.operation} failed.**\n\n${node.message}\n\nClick to retry, or open the log for details.`,
        icon: { id: 'error', color: 'list.errorForeground' },
        contextValue: ContextValue.of('error'),
        collapsible: 'none',
        command: { command: Commands.retry, title: 'Retry', args: [node] },
      };
    case 'message':
      return {
        label: node.label,
        icon: { id: 'info' },
        contextValue: ContextValue.of('message'),
        collapsible: 'none',
        command: node.command ? { ...node.command, title: node.label } : undefined,
      };
  }
}
