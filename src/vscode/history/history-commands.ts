// "Secrets: Scan Git History" (#22): the workspace repository's history through the core scan, with a cancellable
// progress notification (Cancel kills git), results in the Git History view. Each finding opens the file at its
// commit on the line, and says what to do: rotate it when it is a managed secret, else revoke it at its issuer.
import { basename } from 'node:path';
import * as vscode from 'vscode';
import { baselineStatus } from '../../core/git/baseline';
import { HistoryScanCancelled, scanHistory, type HistoryFinding } from '../../core/git/history';
import { indexManagedSecrets, type ManagedSecretIndex } from '../../core/git/managed-secrets';
import { exposedRemedy, HISTORY_IS_NOT_ENOUGH, type ExposedRemedy } from '../../core/git/remedy';
import { attempt, registerCommand } from '../commands/runner';
import { Commands, ContextKeys, GitCommands, Schemes, Views } from '../constants';
import type { Services } from '../services';
import { GitShowDocuments, openAtCommit } from './open-at-commit';
import { registerHookCommands } from './hook-commands';
import { repositoryBaseline } from './repository-baseline';
import { HistoryTreeProvider, type HistoryNode } from './history-tree';
import { trusted, workspaceRepository } from './workspace-repository';

export interface HistoryScanOutcome {
  root: string;
  commits: number;
  findings: number;
  cancelled: boolean;
}

export interface GitHistoryFeature {
  readonly tree: HistoryTreeProvider;
  /** What Cancel on the progress notification does: stops the running scan (git is killed). */
  cancel(): void;
}

export const RemedyActions = { rotate: 'Rotate…', revoke: 'Open Revoke Page' } as const;

export function registerGitHistory(context: vscode.ExtensionContext, services: Services): GitHistoryFeature {
  const tree = new HistoryTreeProvider();
  const view = vscode.window.createTreeView(Views.gitHistory, { treeDataProvider: tree, showCollapseAll: true });
  let running: AbortController | undefined;
  const setContext = (key: string, value: boolean) => void vscode.commands.executeCommand('setContext', key, value);

  const scan = async (target?: unknown): Promise<HistoryScanOutcome | undefined> => {
    if (!trusted(services, 'Scan Git History')) return undefined;
    const root = await workspaceRepository(services, target, 'Scan Git History');
    running?.abort();
    const controller = (running = new AbortController());
    setContext(ContextKeys.gitHistoryShown, true);
    setContext(ContextKeys.gitHistoryScanning, true);
    tree.show(undefined, `Scanning ${root}…`);
    try {
      const result = await services.progress(
        'Scanning git history for credentials',
        async (progress) => {
          progress.onCancel(() => controller.abort());
          let shown = 0;
          const scanned = await scanHistory(root, {
            signal: controller.signal,
            onCommit: (commits) => {
              if (commits - shown >= 50) progress.report(`${(shown = commits)} commits`);
            },
          });
          progress.report('matching managed secrets');
          const managed = await managedIndex(services, controller.signal);
          if (controller.signal.aborted) throw new HistoryScanCancelled(); // Cancel while matching: same outcome
          return { scanned, managed };
        },
        true,
      );
      const { scanned, managed } = result;
      // the workspace baseline: "reviewed: not a secret" entries are left out, recorded ones marked as known
      const baseline = repositoryBaseline(root, (message) => services.log.info(`Git history: ${message}`));
      const status = baseline ? baselineStatus(baseline) : () => 'new' as const;
      const shown = scanned.findings.filter((f) => status(f.finding) !== 'reviewed');
      const known = new Set(shown.filter((f) => status(f.finding) === 'known'));
      const reviewed = scanned.findings.length - shown.length;
      const remedies = new Map<HistoryFinding, ExposedRemedy>(
        shown.map((f) => [f, exposedRemedy(f.finding, managed.match(f.finding.valueHash))]),
      );
      const count = shown.length;
      const name = basename(root);
      const baselineNote = [
        known.size ? `${known.size} of them recorded in the baseline` : '',
        reviewed ? `${plural(reviewed, 'finding')} reviewed as not secrets left out` : '',
      ]
        .filter(Boolean)
        .join('; ');
      const none =
        `No credentials in the history of ${name} (${plural(scanned.commits, 'commit')} scanned` +
        `${reviewed ? `; ${plural(reviewed, 'finding')} reviewed as not secrets left out` : ''}).`;
      tree.show({ root, findings: shown, remedies, known }, count ? undefined : none);
      if (count) {
        const commits = new Set(shown.map((f) => f.commit)).size;
        void services
          .ui()
          .notify(
            'warning',
            `Git history of ${name}: ${plural(count, 'credential')}, added in ${plural(commits, 'commit')}` +
              `${baselineNote ? ` (${baselineNote})` : ''}. ` +
              'Each one is exposed to everyone with a clone: rotate or revoke it (select a finding for what to do). ' +
              HISTORY_IS_NOT_ENOUGH,
          );
        await vscode.commands.executeCommand(`${Views.gitHistory}.focus`);
      } else {
        void services.ui().notify('info', none);
      }
      return { root, commits: scanned.commits, findings: count, cancelled: false };
    } catch (error) {
      if (error instanceof HistoryScanCancelled) {
        tree.show(undefined, 'History scan cancelled.');
        void services.ui().notify('info', 'Git history scan cancelled.');
        return { root, commits: 0, findings: 0, cancelled: true };
      }
      tree.show(undefined, 'The history scan failed: see the notification.');
      throw error;
    } finally {
      if (running === controller) running = undefined;
      setContext(ContextKeys.gitHistoryScanning, false);
    }
  };

  context.subscriptions.push(
    tree,
    view,
    vscode.workspace.registerTextDocumentContentProvider(Schemes.gitShow, new GitShowDocuments()),
    registerCommand(services, GitCommands.scanHistory, scan),
    registerCommand(services, GitCommands.clearHistory, async () => {
      running?.abort();
      tree.show(undefined);
      setContext(ContextKeys.gitHistoryShown, false); // hidden until the next scan
    }),
    registerCommand(services, GitCommands.openFinding, async (node) => {
      const n = findingNode(node);
      const { start, end } = n.finding.finding.range;
      const range = new vscode.Range(start.line, start.character, end.line, end.character);
      return attempt(`Opening ${n.finding.path} at ${n.finding.commit.slice(0, 12)}`, () =>
        openAtCommit(n.root, n.finding.path, n.finding.commit, range),
      );
    }),
    registerCommand(services, GitCommands.remedy, async (node) => remedy(services, findingNode(node))),
    ...registerHookCommands(services),
  );
  return { tree, cancel: () => running?.abort() };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function findingNode(node: unknown): Extract<HistoryNode, { kind: 'finding' }> {
  const n = node as HistoryNode | undefined;
  if (n?.kind !== 'finding') throw new Error('Choose a finding in the Git History view.');
  return n;
}

/** The current values of connected stores only: a scan never opens a store, asks for a passphrase, or calls AWS
 * for a connection the user has not used this session. */
async function managedIndex(services: Services, signal: AbortSignal): Promise<ManagedSecretIndex> {
  const connected = services.connections.list().filter((c) => services.connections.isOpen(c.id));
  const sources = await Promise.all(
    connected.map(async (c) => ({
      connectionId: c.id,
      connectionLabel: c.label,
      store: await services.connections.getStore(c.id),
    })),
  );
  const index = await indexManagedSecrets(sources, signal);
  if (index.incomplete.length) {
    services.log.info(`Matching exposed values: could not read every secret of ${index.incomplete.join(', ')}.`);
  }
  return index;
}

/** Says what to do about one exposed credential, and does it on request (rotate, or the revoke page). */
async function remedy(
  services: Services,
  node: Extract<HistoryNode, { kind: 'finding' }>,
): Promise<ExposedRemedy['action']> {
  const { remedy } = node;
  const actions =
    remedy.action === 'rotate' ? [RemedyActions.rotate] : remedy.action === 'revoke' ? [RemedyActions.revoke] : [];
  const chosen = await services.ui().notify('warning', remedy.message, ...actions);
  if (chosen === RemedyActions.rotate && remedy.managed) {
    const { connectionId, secretName } = remedy.managed;
    const store = await services.connections.getStore(connectionId);
    const secret = await attempt(`Reading "${secretName}"`, () => store.describeSecret(secretName));
    await vscode.commands.executeCommand(Commands.rotateSecret, {
      kind: 'secret',
      connectionId,
      secret,
      id: '',
      label: secretName,
    });
  } else if (chosen === RemedyActions.revoke && remedy.revoke) {
    await vscode.env.openExternal(vscode.Uri.parse(remedy.revoke.url));
  }
  return remedy.action;
}
