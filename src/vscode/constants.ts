// Namespaced identifiers shared by package.json contributions and code.
export const ExtensionId = 'secrets-workbench.secrets-workbench';

export const Commands = {
  showInfo: 'secretsWorkbench.showInfo',
} as const;

export const Views = {
  explorer: 'secretsWorkbench.explorer',
} as const;

/** Diagnostics and quick fix (issue 8). */
export const QuickFixCommands = {
  scanWorkspace: 'secretsWorkbench.scanWorkspace',
  moveSecret: 'secretsWorkbench.moveSecretToStore',
  markNotSecret: 'secretsWorkbench.markNotSecret',
} as const;

export const DiagnosticSettings = {
  section: 'secretsWorkbench',
  enabled: 'diagnostics.enabled',
  severity: 'diagnostics.severity',
  debounceMs: 'diagnostics.debounceMs',
  excludeLanguages: 'diagnostics.excludeLanguages',
  excludeGlobs: 'diagnostics.exclude',
  templates: 'quickFix.templates',
} as const;

/** Diagnostic `source` shown in the Problems panel. */
export const DiagnosticSource = 'Secrets Workbench';
