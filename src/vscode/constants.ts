// Namespaced identifiers shared by package.json contributions and code.
export const ExtensionId = 'secrets-workbench.secrets-workbench';

export const Commands = {
  showInfo: 'secretsWorkbench.showInfo',
} as const;

export const Views = {
  explorer: 'secretsWorkbench.explorer',
} as const;
