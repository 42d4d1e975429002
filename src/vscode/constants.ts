// Namespaced identifiers shared by package.json contributions and code.
export const ExtensionId = 'secrets-workbench.secrets-workbench';

export const Commands = {
  showInfo: 'secretsWorkbench.showInfo',
  goOffline: 'secretsWorkbench.goOffline',
  goOnline: 'secretsWorkbench.goOnline',
  prepareForOffline: 'secretsWorkbench.prepareForOffline',
  pushOfflineChanges: 'secretsWorkbench.pushOfflineChanges',
} as const;

export const ContextKeys = {
  /** True while offline mode is on (serving or not). */
  offline: 'secretsWorkbench.offline',
} as const;

export const Views = {
  explorer: 'secretsWorkbench.explorer',
} as const;
