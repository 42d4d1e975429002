// Identifiers of reference completion, diagnostics and their quick fix (issue 24), shared with package.json.

/** Diagnostic `source` of reference problems: apart from the hardcoded-credential linter's. */
export const ReferenceDiagnosticSource = 'Secrets Workbench references';

export const ReferenceSettings = {
  section: 'secretsWorkbench',
  diagnosticsEnabled: 'references.diagnostics.enabled',
} as const;

export const ReferenceCommands = {
  /** The "Create secret…" fix of a missing-secret reference (hidden from the palette). */
  createReferencedSecret: 'secretsWorkbench.createReferencedSecret',
} as const;
