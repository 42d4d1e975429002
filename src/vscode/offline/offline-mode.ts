// Offline mode: the local server over the vault plus the environment that points new terminals, tasks and
// debug sessions at it. The mode persists per workspace; the keys never do (fresh ones at every start).
import * as vscode from 'vscode';
import { Emitter } from '../../core/events';
import {
  offlineEnvironment,
  removeOfflineProfile,
  removeOfflineProfileSync,
  writeOfflineProfile,
  type OfflineProfileFiles,
} from '../../core/offline/environment';
import { generateServerCredentials } from '../../core/offline/keys';
import { storeFingerprint } from '../../core/offline/changes';
import { resolveEnvEntries, type EnvMap } from '../../core/env/index';
import { ContextKeys } from '../constants';
import type { OfflineDeps, OfflineServer } from './types';

const modeKey = 'secretsWorkbench.offline.mode';

export type OfflineState =
  | { mode: 'online' }
  | { mode: 'offline'; endpoint: string; region: string }
  /** Persisted as offline, but the server could not start (e.g. the vault is locked). */
  | { mode: 'offline-not-serving'; problem: string };

export class OfflineMode implements vscode.Disposable {
  private server?: OfflineServer;
  private files?: OfflineProfileFiles;
  private current: OfflineState = { mode: 'online' };
  /** The vault's fingerprint when going offline, to tell at going online whether anything changed. */
  private baseline?: string;
  private changedOffline = false;
  private envProblems: string[] = [];
  private envVariables: string[] = [];
  private transition: Promise<unknown> = Promise.resolve();
  private readonly changed = new Emitter<OfflineState>();
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly deps: Pick<OfflineDeps, 'localStore' | 'startServer'> & {
      /** The workspace's `env` map (.secrets-workbench.json), injected from the vault like `secrets-workbench run`. */
      projectEnv?: () => Promise<EnvMap>;
    },
  ) {
    const collection = context.environmentVariableCollection;
    // Keys are regenerated at every start, so stale ones must never be restored into terminals.
    collection.persistent = false;
    collection.description = 'Secrets Workbench offline mode: AWS SDKs use the local vault.';
    collection.clear();
  }

  get state(): OfflineState {
    return this.current;
  }

  /** After going online: whether the vault changed while offline (so a push is worth offering). */
  get changedWhileOffline(): boolean {
    return this.changedOffline;
  }

  /** The env map's variables set for new terminals and tasks, and value-free problems of those that were not. */
  get injectedEnv(): { variables: string[]; problems: string[] } {
    return { variables: this.envVariables, problems: this.envProblems };
  }

  /** Persisted mode, e.g. to restore it at activation. */
  get persistedOffline(): boolean {
    return this.context.workspaceState.get<string>(modeKey) === 'offline';
  }

  /** Re-enters offline mode after a reload if the workspace was offline. Never throws. */
  async restore(): Promise<OfflineState> {
    if (!this.persistedOffline) return this.current;
    return this.goOffline().catch(() => this.current);
  }

  goOffline(): Promise<OfflineState> {
    return this.serialize(async () => {
      if (this.current.mode === 'offline') return this.current;
      await this.context.workspaceState.update(modeKey, 'offline');
      let injected: Record<string, string>;
      try {
        const store = await this.deps.localStore();
        this.server = await this.deps.startServer(store, generateServerCredentials());
        this.files = await writeOfflineProfile(this.server);
        this.baseline = await storeFingerprint(store).catch(() => undefined);
        this.changedOffline = false;
        const { values, problems } = await resolveEnvEntries(store, (await this.deps.projectEnv?.()) ?? {});
        this.envVariables = Object.keys(values).sort();
        this.envProblems = problems;
        injected = values;
      } catch (error) {
        await this.stopServer();
        this.set({ mode: 'offline-not-serving', problem: error instanceof Error ? error.message : String(error) });
        throw error;
      }
      const collection = this.context.environmentVariableCollection;
      collection.clear();
      // The project's variables first: the offline AWS variables must win, or the SDK would miss the server.
      for (const [name, value] of Object.entries({ ...injected, ...offlineEnvironment(this.server, this.files) })) {
        collection.replace(name, value);
      }
      return this.set({ mode: 'offline', endpoint: this.server.endpoint, region: this.server.region });
    });
  }

  goOnline(): Promise<OfflineState> {
    return this.serialize(async () => {
      this.context.environmentVariableCollection.clear();
      await this.context.workspaceState.update(modeKey, 'online');
      this.changedOffline = await this.vaultChanged();
      this.envVariables = [];
      this.envProblems = [];
      await this.stopServer();
      return this.set({ mode: 'online' });
    });
  }

  dispose(): void {
    this.context.environmentVariableCollection.clear();
    // The host may exit right after dispose: remove the key files now, close the server best-effort.
    removeOfflineProfileSync(this.files);
    this.files = undefined;
    void this.stopServer();
    this.changed.dispose();
  }

  private async vaultChanged(): Promise<boolean> {
    if (this.current.mode !== 'offline' || this.baseline === undefined) return false;
    try {
      return (await storeFingerprint(await this.deps.localStore())) !== this.baseline;
    } catch {
      return true; // Unknown: let the user look.
    }
  }

  private async stopServer(): Promise<void> {
    const server = this.server;
    const files = this.files;
    this.server = undefined;
    this.files = undefined;
    await Promise.allSettled([server?.close(), removeOfflineProfile(files)]);
  }

  private set(state: OfflineState): OfflineState {
    this.current = state;
    void vscode.commands.executeCommand('setContext', ContextKeys.offline, state.mode !== 'online');
    this.changed.fire(state);
    return state;
  }

  /** One transition at a time: a double click must not start two servers. */
  private serialize<T>(step: () => Promise<T>): Promise<T> {
    const next = this.transition.then(step, step);
    this.transition = next.catch(() => undefined);
    return next;
  }
}
