// Namespaced identifiers shared by package.json contributions and code.
export const ExtensionId = 'secrets-workbench.secrets-workbench';

export const Commands = {
  showInfo: 'secretsWorkbench.showInfo',
  refresh: 'secretsWorkbench.refresh',
  filter: 'secretsWorkbench.filter',
  clearFilter: 'secretsWorkbench.clearFilter',
  groupByFolder: 'secretsWorkbench.groupByFolder',
  showFlat: 'secretsWorkbench.showFlat',
  showDeprecated: 'secretsWorkbench.showDeprecated',
  hideDeprecated: 'secretsWorkbench.hideDeprecated',
  loadMore: 'secretsWorkbench.loadMore',
  retry: 'secretsWorkbench.retry',
  showLog: 'secretsWorkbench.showLog',
  addAwsConnection: 'secretsWorkbench.addAwsConnection',
  removeConnection: 'secretsWorkbench.removeConnection',
  addVaultPassphrase: 'secretsWorkbench.addVaultPassphrase',
  createSecret: 'secretsWorkbench.createSecret',
  openSecretValue: 'secretsWorkbench.openSecretValue',
  showSecretDetails: 'secretsWorkbench.showSecretDetails',
  saveSecretValue: 'secretsWorkbench.saveSecretValue',
  copyValue: 'secretsWorkbench.copyValue',
  copyName: 'secretsWorkbench.copyName',
  copyArn: 'secretsWorkbench.copyArn',
  rotateSecret: 'secretsWorkbench.rotateSecret',
  configureRotation: 'secretsWorkbench.configureRotation',
  compare: 'secretsWorkbench.compare',
  deleteSecret: 'secretsWorkbench.deleteSecret',
  restoreSecret: 'secretsWorkbench.restoreSecret',
  pushToAws: 'secretsWorkbench.pushToAws',
  pullToLocalVault: 'secretsWorkbench.pullToLocalVault',
  goOffline: 'secretsWorkbench.goOffline',
  goOnline: 'secretsWorkbench.goOnline',
  prepareForOffline: 'secretsWorkbench.prepareForOffline',
  pushOfflineChanges: 'secretsWorkbench.pushOfflineChanges',
  /** A CodeLens click: the referenced secret in the Secrets view, with its details (value masked). */
  openReferencedSecret: 'secretsWorkbench.openReferencedSecret',
  /** A hover link: the details (masked) first, then the value in an editor after an explicit confirmation. */
  revealReferencedValue: 'secretsWorkbench.revealReferencedValue',
  copyConnectionUri: 'secretsWorkbench.copyConnectionUri',
  openDatabaseTerminal: 'secretsWorkbench.openDatabaseTerminal',
  replicateToRegions: 'secretsWorkbench.replicateToRegions',
  removeReplicaRegions: 'secretsWorkbench.removeReplicaRegions',
} as const;

export const Views = {
  explorer: 'secretsWorkbench.explorer',
  gitHistory: 'secretsWorkbench.gitHistory',
} as const;

/** Git-aware scanning in the editor (issue 22). */
export const GitCommands = {
  scanHistory: 'secretsWorkbench.scanGitHistory',
  openFinding: 'secretsWorkbench.openHistoryFinding',
  remedy: 'secretsWorkbench.exposedCredentialRemedy',
  clearHistory: 'secretsWorkbench.clearGitHistory',
  installHook: 'secretsWorkbench.installPreCommitHook',
  uninstallHook: 'secretsWorkbench.uninstallPreCommitHook',
} as const;

/** Secret references in code (issue 24): from a tree node or the palette. */
/** Secret posture (#23). */
export const PostureCommands = {
  editResourcePolicy: 'secretsWorkbench.editResourcePolicy',
  rotationHealthReport: 'secretsWorkbench.rotationHealthReport',
  showRotationLogs: 'secretsWorkbench.showRotationLogs',
  whoReadThisSecret: 'secretsWorkbench.whoReadThisSecret',
  costEstimate: 'secretsWorkbench.costEstimate',
} as const;

export const SecretReferenceCommands = {
  findReferences: 'secretsWorkbench.findReferences',
  renameSecret: 'secretsWorkbench.renameSecret',
} as const;

/** `setContext` keys, used in package.json `when` clauses. */
export const ContextKeys = {
  grouped: 'secretsWorkbench.explorer.grouped',
  showDeprecated: 'secretsWorkbench.explorer.showDeprecated',
  /** True while offline mode is on (serving or not). */
  offline: 'secretsWorkbench.offline',
  /** True from a history scan until Clear: the Git History view is shown. */
  gitHistoryShown: 'secretsWorkbench.gitHistory.shown',
  /** True while a history scan runs. */
  gitHistoryScanning: 'secretsWorkbench.gitHistory.scanning',
  /** True while some connection's store has replicas (the replica commands' palette entries). */
  replicasAvailable: 'secretsWorkbench.replicasAvailable',
} as const;

/**
 * Tree item context values: `secretsWorkbench:<kind>` followed by `+flag`s, so menus match with
 * `viewItem =~ /^secretsWorkbench:secret\b/` and `viewItem =~ /\+rotationLambda\b/` (the store's capabilities,
 * tree/presentation.ts).
 */
export const ContextValue = {
  prefix: 'secretsWorkbench:',
  of(
    kind:
      | 'connection'
      | 'folder'
      | 'secret'
      | 'version'
      | 'loadMore'
      | 'error'
      | 'message'
      | 'historyCommit'
      | 'historyFile'
      | 'historyFinding',
    ...flags: string[]
  ) {
    return `secretsWorkbench:${kind}${flags.map((f) => `+${f}`).join('')}`;
  },
} as const;

export const Settings = {
  section: 'secretsWorkbench',
  connections: 'connections',
  localVaultPath: 'localVault.path',
  pageSize: 'explorer.pageSize',
  groupByFolder: 'explorer.groupByFolder',
  showDeprecated: 'explorer.showDeprecatedVersions',
  clipboardClearSeconds: 'clipboard.clearAfterSeconds',
  rotationWaitSeconds: 'rotation.waitSeconds',
  passwordLength: 'passwordRules.length',
  passwordExcludeCharacters: 'passwordRules.excludeCharacters',
  passwordExcludePunctuation: 'passwordRules.excludePunctuation',
  passwordExcludeNumbers: 'passwordRules.excludeNumbers',
  passwordExcludeUppercase: 'passwordRules.excludeUppercase',
  passwordExcludeLowercase: 'passwordRules.excludeLowercase',
  passwordIncludeSpace: 'passwordRules.includeSpace',
  passwordRequireEachType: 'passwordRules.requireEachIncludedType',
  /** Resource-scoped: which connection validates a folder's secret references. */
  referencesConnection: 'references.connection',
  referencesCodeLens: 'references.codeLens',
  costPricePerSecretMonth: 'cost.pricePerSecretMonth',
  costPricePer10kApiCalls: 'cost.pricePer10kApiCalls',
  costShowInTree: 'cost.showInTree',
} as const;

/** URI schemes: editable secret values, and read-only texts for the diff editor. */
export const Schemes = {
  value: 'secrets-workbench',
  compare: 'secrets-workbench-compare',
  /** A secret's details with its value masked: what a click in the tree opens. */
  info: 'secrets-workbench-info',
  /** A secret's resource policy as a JSON document. */
  policy: 'secrets-workbench-policy',
  /** A connection's rotation health report (read-only Markdown). */
  rotation: 'secrets-workbench-rotation',
  /** A secret's rotation function's recent log events, for its failing step (read-only Markdown). */
  rotationLogs: 'secrets-workbench-rotation-logs',
  /** A secret's access history, "Who Read This Secret" (read-only Markdown). */
  access: 'secrets-workbench-access',
  /** A connection's or folder's cost estimate (read-only Markdown). */
  cost: 'secrets-workbench-cost',
  /** A file as a commit recorded it, when the built-in git extension is not there to show it. */
  gitShow: 'secrets-workbench-git',
} as const;

/** SecretStorage key for the local vault's raw key (base64). */
export const VaultKeySecret = 'secretsWorkbench.localVault.rawKey';

/** Diagnostics and quick fix (issue 8). */
export const QuickFixCommands = {
  scanWorkspace: 'secretsWorkbench.scanWorkspace',
  moveSecret: 'secretsWorkbench.moveSecretToStore',
  markNotSecret: 'secretsWorkbench.markNotSecret',
  checkLive: 'secretsWorkbench.checkCredentialLive',
} as const;

export const DiagnosticSettings = {
  section: 'secretsWorkbench',
  enabled: 'diagnostics.enabled',
  severity: 'diagnostics.severity',
  debounceMs: 'diagnostics.debounceMs',
  excludeLanguages: 'diagnostics.excludeLanguages',
  excludeGlobs: 'diagnostics.exclude',
  templates: 'quickFix.templates',
  baseline: 'diagnostics.baseline',
  scanOnStartup: 'diagnostics.scanOnStartup',
} as const;

/** Diagnostic `source` shown in the Problems panel. */
export const DiagnosticSource = 'Secrets Workbench';
