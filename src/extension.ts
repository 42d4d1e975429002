// Composition root: wires core services to VS Code adapters. Keep logic out of here.
import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import { SecretBackupGuard } from './vscode/documents/backup-guard';
import { ClipboardGuard, type Clipboard } from './vscode/clipboard-guard';
import { registerConnectionCommands } from './vscode/commands/connection-commands';
import { registerCompareCommand } from './vscode/commands/compare-command';
import { ContextSecret } from './vscode/commands/context-secret';
import { showInfo } from './vscode/commands/show-info';
import { registerCreateSecret } from './vscode/commands/create-secret';
import { registerDatabaseCommands } from './vscode/commands/database-commands';
import { registerDetailsCommand } from './vscode/commands/details-command';
import { registerDeleteCommands } from './vscode/commands/delete-commands';
import { registerRotateCommands } from './vscode/commands/rotate-commands';
import { registerReplicaCommands } from './vscode/commands/replica-commands';
import { registerTransferCommands } from './vscode/commands/transfer-commands';
import { registerValueCommands } from './vscode/commands/value-commands';
import { registerViewCommands } from './vscode/commands/view-commands';
import type { AwsModule } from './vscode/connections/aws-module';
import { ConnectionManager } from './vscode/connections/connection-manager';
import { globalStateGenerations, openLocalVault } from './core/usecases/local-vault';
import { Commands, ContextKeys, Schemes, Settings, VaultKeySecret, Views } from './vscode/constants';
import { CompareDocuments } from './vscode/documents/compare-documents';
import { SaveConfirmations } from './vscode/documents/save-confirmation';
import { SecretFileSystem } from './vscode/documents/secret-file-system';
import { SecretInfoDocuments } from './vscode/documents/secret-info-documents';
import { ExtensionLog } from './vscode/log';
import { registerGitHistory } from './vscode/history/history-commands';
import { registerOfflineMode } from './vscode/offline/index';
import { rememberedConnection } from './vscode/offline/connection-choice';
import { SecretLookup } from './vscode/references/secret-lookup';
import { registerReferenceChecks } from './vscode/references/register-checks';
import { registerReferenceLensAndHover } from './vscode/references/register';
import { WorkspaceReferenceIndex } from './vscode/references/workspace-index';
import { registerRuntimeInjection } from './vscode/runtime/index';
import type { Services } from './vscode/services';
import {
  clipboardClearSeconds,
  explorerOptions,
  localVaultPath,
  passwordRules,
  rotationWaitMs,
} from './vscode/settings';
import { testModeEnv, type SecretsWorkbenchApi } from './vscode/test-api';
import { ExplorerModel } from './vscode/tree/explorer-model';
import { SecretsTreeProvider } from './vscode/tree/tree-provider';
import type { UserInput } from './core/usecases/ports';
import { VsCodeUserInput } from './vscode/vscode-user-input';
import { notificationProgress } from './vscode/progress';
import { ConnectionDestinations } from './vscode/quickfix/connection-destinations';
import { registerQuickFix } from './vscode/quickfix/register';
import { registerFindReferences } from './vscode/rename/find-references';
import { registerRenameSecret } from './vscode/rename/rename-command';
import { userInputQuickFixUi } from './vscode/quickfix/ui';
import { registerPosture } from './vscode/posture/posture-diagnostics';
import { registerRotationReport } from './vscode/posture/rotation-report-document';
import { registerRotationLogs } from './vscode/posture/rotation-logs-document';
import { registerAccessHistory } from './vscode/posture/access-history-document';
import { registerCostReport } from './vscode/posture/cost-report-document';
import { accessLogSample, storeHistorySample } from './core/usecases/cost-estimate';
import { accessLogPathFor } from './core/access/log';
import { registerPolicyDocuments, ResourcePolicyFileSystem } from './vscode/posture/policy-documents';

declare const __SECRETS_WORKBENCH_LOAD_START__: number | undefined;
declare const __SECRETS_WORKBENCH_LOAD_END__: number | undefined;

/** The running window's clipboard guard, cleared on deactivate. */
let activeClipboard: ClipboardGuard | undefined;

export function activate(context: vscode.ExtensionContext): SecretsWorkbenchApi {
  const activateStart = performance.now();
  const activateCpu = process.cpuUsage();
  const codeLoadingMs =
    typeof __SECRETS_WORKBENCH_LOAD_START__ === 'number' && typeof __SECRETS_WORKBENCH_LOAD_END__ === 'number'
      ? __SECRETS_WORKBENCH_LOAD_END__ - __SECRETS_WORKBENCH_LOAD_START__
      : 0;
  const config = () => vscode.workspace.getConfiguration(Settings.section);
  const vaultPath = () => localVaultPath(config(), vscode.workspace.workspaceFolders?.[0]?.uri.fsPath);
  const log = new ExtensionLog(vscode.window.createOutputChannel('Secrets Workbench', { log: true }));
  const defaultInput = new VsCodeUserInput();
  let input: UserInput = defaultInput;
  let aws: Promise<AwsModule> | undefined;
  // src/core/aws (and with it the AWS SDK, bundled apart) is evaluated on first use only: activation stays fast.
  const loadAws = () => (aws ??= import('./core/aws/index.js'));

  const connections = new ConnectionManager({
    readSettings: () => config().get(Settings.connections),
    writeSettings: async (value) => config().update(Settings.connections, value, vscode.ConfigurationTarget.Global),
    openLocalVault: async (options) => {
      const vault = await openLocalVault({
        quiet: options?.quiet,
        path: vaultPath(),
        keyStorage: context.secrets,
        keyName: VaultKeySecret,
        ui: () => input,
        log: (message) => log.info(message),
        generations: await globalStateGenerations(context.globalState),
      });
      model.redraw();
      return vault;
    },
    openAws: async (c) => {
      // A non-default endpoint receives every value read or written: not before the workspace is trusted.
      if (c.endpoint && !vscode.workspace.isTrusted) {
        throw new Error(
          `Connecting to ${c.endpoint} waits for workspace trust (this workspace is in Restricted Mode).`,
        );
      }
      return (await loadAws()).createAwsStore({ profile: c.profile, region: c.region, endpoint: c.endpoint });
    },
  });
  const model = new ExplorerModel(
    {
      connections,
      localVaultExists: async () => existsSync(vaultPath()),
      logError: (operation, error) => log.error(operation, error),
    },
    explorerOptions(config()),
  );
  const clipboard = new ClipboardGuard(vscode.env.clipboard, () => clipboardClearSeconds(config()));
  activeClipboard = clipboard;
  // built on first use by a provider: activation does not walk the workspace
  const references = new WorkspaceReferenceIndex({
    log: (message) => log.info(message),
    logError: (operation, error) => log.error(operation, error),
  });
  const services: Services = {
    connections,
    model,
    ui: () => input,
    log,
    clipboard,
    passwordRules: () => passwordRules(config()),
    rotationWaitMs: () => rotationWaitMs(config()),
    progress: notificationProgress,
    afterChange: (connectionId, secretName) => {
      model.refresh(connectionId, secretName);
      if (secretName) fileSystem.notifyChanged(connectionId, secretName);
      if (secretName) infoDocuments.refresh(connectionId, secretName);
    },
    aws: loadAws,
    reveal: async (connectionId, secretName) => {
      const node = await model.secretNode(connectionId, secretName);
      if (node) await treeView.reveal(node, { select: true, focus: false, expand: false });
    },
    contextSecret: () => contextSecret.get(),
    ports: () => ({ ui: input, progress: services.progress, log }),
    references,
  };
  const infoDocuments = new SecretInfoDocuments(services);
  const saveConfirmations = new SaveConfirmations();
  const fileSystem = new SecretFileSystem(services, saveConfirmations);
  const tree = new SecretsTreeProvider(model);
  const treeView = vscode.window.createTreeView(Views.explorer, { treeDataProvider: tree, showCollapseAll: true });
  const contextSecret = new ContextSecret(treeView);
  const syncContextKeys = () => {
    void vscode.commands.executeCommand('setContext', ContextKeys.grouped, model.settings.groupByFolder);
    void vscode.commands.executeCommand('setContext', ContextKeys.showDeprecated, model.settings.showDeprecated);
  };
  syncContextKeys();

  context.subscriptions.push(
    { dispose: () => connections.dispose() },
    clipboard,
    references,
    saveConfirmations,
    tree,
    treeView,
    contextSecret,
    vscode.workspace.registerFileSystemProvider(Schemes.value, fileSystem, { isCaseSensitive: true }),
    // Unsaved secret edits must not stay on disk in VS Code's plaintext backups.
    new SecretBackupGuard(
      context.globalStorageUri.fsPath,
      context.storageUri?.fsPath,
      vscode.env.uiKind === vscode.UIKind.Web,
      Schemes.value,
    ),
    vscode.workspace.registerTextDocumentContentProvider(Schemes.compare, new CompareDocuments(services)),
    infoDocuments,
    vscode.workspace.registerTextDocumentContentProvider(Schemes.info, infoDocuments),
    registerDetailsCommand(services),
    vscode.workspace.onDidChangeConfiguration((event) => {
      const affects = (key: string) => event.affectsConfiguration(`${Settings.section}.${key}`);
      if (affects(Settings.connections)) connections.reload();
      if (affects(Settings.localVaultPath)) {
        connections.forget(connections.localVault.id);
        model.refresh();
      }
      if (affects('explorer') || affects('cost')) {
        model.setOptions(explorerOptions(config()));
        syncContextKeys();
      }
    }),
    vscode.commands.registerCommand(Commands.showInfo, () =>
      showInfo(
        {
          version: String(context.extension.packageJSON.version),
          connections,
          vaultPath,
          vaultExists: () => existsSync(vaultPath()),
          offline: () => offline.state,
          findings: () => quickFix.diagnostics.problemCount(),
        },
        input,
      ),
    ),
    ...registerViewCommands(services),
    ...registerConnectionCommands(services),
    registerCreateSecret(services),
    ...registerValueCommands(services, fileSystem),
    ...registerRotateCommands(services),
    registerCompareCommand(services),
    ...registerDeleteCommands(services),
    ...registerTransferCommands(services),
    ...registerDatabaseCommands(services),
    ...registerFindReferences(services),
    registerRenameSecret(services),
  );

  const quickFix = registerQuickFix(
    context,
    new ConnectionDestinations(connections, (connectionId, secretName) => {
      model.refresh(connectionId, secretName);
      void services.reveal(connectionId, secretName).catch((error) => log.error('reveal the moved secret', error));
    }),
    userInputQuickFixUi(() => input),
    {
      input: () => input,
      awsConnections: () =>
        connections
          .list()
          .flatMap((c) =>
            c.kind === 'aws' ? [{ label: c.label, config: { profile: c.profile, region: c.region } }] : [],
          ),
    },
  );

  const offline = registerOfflineMode(context, {
    ui: () => input,
    log,
    localStore: () => connections.getStore(connections.localVault.id),
    awsConnections: () =>
      connections
        .list()
        .filter((c) => !c.capabilities.localOnly)
        .map((c) => ({ id: c.id, label: c.label })),
    awsStore: (id) => connections.getStore(id),
    // The server module loads on first use only, like the AWS SDK.
    // it serves the local vault: its calls go to the vault's access log ("Who Read This Secret")
    startServer: async (store, credentials) =>
      (await import('./core/server/index.js')).startSecretsServer({
        store,
        credentials,
        accessLog: { path: accessLogPathFor(vaultPath()) },
      }),
  });

  const gitHistory = registerGitHistory(context, services);

  // Which connection validates a folder's secret references, and the metadata cache the editor features share.
  const secretLookup = new SecretLookup({
    connections,
    model,
    offline: () => offline.state.mode !== 'online',
    onDidChangeOffline: offline.onDidChange,
    offlineSyncConnection: () => rememberedConnection(context),
    localVaultExists: () => existsSync(vaultPath()),
  });
  context.subscriptions.push(secretLookup, ...registerReferenceLensAndHover(services, secretLookup, references));
  registerReferenceChecks(context, services, secretLookup, () => existsSync(vaultPath()));

  // Least privilege and rotation in infrastructure as code (#23).
  const policyDocuments = new ResourcePolicyFileSystem(services);
  const posture = registerPosture(policyDocuments, quickFix.diagnostics.configs);
  quickFix.setPosture(posture.diagnostics);
  context.subscriptions.push(
    ...registerPolicyDocuments(services, policyDocuments),
    ...posture.disposables,
    ...registerRotationReport(services),
    ...registerRotationLogs(services),
    ...registerAccessHistory(services),
    ...registerReplicaCommands(services),
    // API calls: the local server's access log for the vault, CloudTrail (per secret) where the store has it
    ...registerCostReport(services, (connection, store) =>
      connection.capabilities.localOnly
        ? accessLogSample(accessLogPathFor(vaultPath()))
        : store.capabilities.accessHistory
          ? storeHistorySample(store)
          : undefined,
    ),
  );

  context.subscriptions.push(
    registerRuntimeInjection({
      connections,
      referenceConnection: (folder) => secretLookup.connectionFor(folder),
      ui: () => input,
      logInfo: (message) => log.info(message),
    }),
  );

  const cpu = process.cpuUsage(activateCpu);
  const activation = {
    codeLoadingMs,
    activateMs: performance.now() - activateStart,
    activateCpuMs: (cpu.user + cpu.system) / 1000,
  };
  log.info(
    `Activated in ${activation.activateMs.toFixed(1)} ms (CPU ${activation.activateCpuMs.toFixed(1)} ms; ` +
      `evaluating the bundle took ${codeLoadingMs.toFixed(1)} ms).`,
  );
  return {
    activation,
    quickFix,
    get testing() {
      if (!process.env[testModeEnv] && context.extensionMode !== vscode.ExtensionMode.Test) return undefined;
      return {
        setUserInput: (next: UserInput | undefined) => void (input = next ?? defaultInput),
        setClipboard: (next: Clipboard | undefined) => clipboard.use(next ?? vscode.env.clipboard),
        tree,
        selection: () => treeView.selection,
        connections,
        logLines: () => log.lines(),
        logDir: context.logUri.fsPath,
        awsLoaded: () => aws !== undefined,
        offline,
        gitHistory,
        references,
        fileSystem,
        secretLookup,
        posture: posture.diagnostics,
        policyDocuments,
      };
    },
  };
}

export async function deactivate(): Promise<void> {
  // Every disposable is owned by context.subscriptions, disposed after this returns. The clipboard is cleared
  // here instead (asynchronously, and VS Code waits briefly for deactivate's promise).
  activeClipboard?.dispose();
  await activeClipboard?.settled();
}
