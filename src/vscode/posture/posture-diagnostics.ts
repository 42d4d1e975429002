// Least-privilege and rotation findings in infrastructure as code (CloudFormation, Terraform, policy JSON) as
// problems, in a collection of their own: they are about access, not hardcoded values, and have their own
// setting (secretsWorkbench.posture.enabled). The core lint is cheap and stateless, so each change re-runs it
// on the whole document after a short pause. A secret's policy document also gets the store's own
// ValidateResourcePolicy answer (AWS's checks, against AWS), asked later still, only for text that parses,
// and abandoned by the next edit, so typing never waits on the network.
import * as vscode from 'vscode';
import { PerDocumentDebounce } from '../document-debounce';
import { Emitter } from '../../core/events';
import type { PostureFinding } from '../../core/posture/finding';
import type { PostureResult } from '../../core/posture/scan-report';
import { iacKindOf, lintIac } from '../../core/posture/iac-lint';
import { policyDocumentFindings, type PolicyContext } from '../../core/posture/policy-findings';
import { storeValidationFindings } from '../../core/posture/store-validation';
import type { PolicyValidationError } from '../../core/store/resource-policy';
import type { ProjectConfigs } from '../diagnostics/project-config';
import { policyScheme } from './policy-documents';

/** Its own Problems-panel source, so filters can tell access findings from hardcoded credentials. */
export const PostureDiagnosticSource = 'Secrets Workbench posture';

export const PostureSettings = { section: 'secretsWorkbench', enabled: 'posture.enabled' } as const;

const SCHEMES = new Set(['file', 'untitled', 'vscode-vfs', 'vscode-remote', policyScheme]);
const DEBOUNCE_MS = 300;
/** After the local lint: the store is asked only once typing has paused a little longer. */
const VALIDATE_MS = 500;
/** By severity (the live lint) and by report level (Scan Workspace's results). */
const severities = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  note: vscode.DiagnosticSeverity.Information,
} as const;

export const postureKey = (range: vscode.Range, ruleId: string) =>
  `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}|${ruleId}`;

function diagnosticOf(range: vscode.Range, message: string, level: keyof typeof severities, ruleId: string) {
  const diagnostic = new vscode.Diagnostic(range, message, severities[level]);
  diagnostic.source = PostureDiagnosticSource;
  diagnostic.code = ruleId;
  return diagnostic;
}

export function postureDiagnostic(document: vscode.TextDocument, finding: PostureFinding): vscode.Diagnostic {
  const range = new vscode.Range(
    document.positionAt(finding.offset),
    document.positionAt(finding.offset + finding.length),
  );
  return diagnosticOf(range, finding.message, finding.severity, finding.ruleId);
}

/** What the diagnostics need to know about secret policy documents (policy-documents.ts provides it). */
export interface PolicyDocumentSource {
  /** The secret's account and key kind. */
  contextFor(uri: vscode.Uri): PolicyContext | undefined;
  /** The store's ValidateResourcePolicy errors for `text` ([] when it could not answer). */
  validate(uri: vscode.Uri, text: string, signal: AbortSignal): Promise<PolicyValidationError[]>;
}

const parsesAsJson = (text: string): boolean => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

export class PostureDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('secrets-workbench-posture');
  /** Per document, the finding behind each diagnostic (code actions read its fix from here). */
  private readonly findings = new Map<string, Map<string, PostureFinding>>();
  /** Files not open whose problems come from Scan Workspace (the live lint takes a file over when it opens). */
  private readonly scanned = new Set<string>();
  private readonly debounce = new PerDocumentDebounce();
  private readonly validationDebounce = new PerDocumentDebounce();
  /** The store validation running per policy document; the next edit aborts it. */
  private readonly validating = new Map<string, AbortController>();
  private readonly updated = new Emitter<vscode.Uri>();
  readonly onDidUpdate = this.updated.event;
  private readonly validated = new Emitter<vscode.Uri>();
  /** A policy document's store validation was applied (tests wait on it). */
  readonly onDidValidate = this.validated.event;
  private readonly disposables: vscode.Disposable[] = [this.debounce, this.validationDebounce];

  constructor(
    private readonly policies?: PolicyDocumentSource,
    /** The project config: its disabledRules name posture rules too. */
    private readonly configs?: ProjectConfigs,
  ) {
    if (configs) this.disposables.push(configs.onDidChange(() => this.relintAll()));
    this.disposables.push(
      this.collection,
      this.updated,
      this.validated,
      vscode.workspace.onDidOpenTextDocument((document) => void this.lint(document)),
      vscode.workspace.onDidChangeTextDocument((event) => this.schedule(event.document)),
      vscode.workspace.onDidCloseTextDocument((document) => this.clear(document.uri)),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (!event.affectsConfiguration(`${PostureSettings.section}.${PostureSettings.enabled}`)) return;
        if (!this.enabled) this.clearScanned();
        this.relintAll();
      }),
    );
    this.relintAll();
  }

  get enabled(): boolean {
    return vscode.workspace.getConfiguration(PostureSettings.section).get<boolean>(PostureSettings.enabled) ?? true;
  }

  private relintAll(): void {
    for (const document of vscode.workspace.textDocuments) void this.lint(document);
  }

  private schedule(document: vscode.TextDocument): void {
    this.debounce.schedule(document.uri.toString(), DEBOUNCE_MS, () => {
      if (!document.isClosed) void this.lint(document);
    });
  }

  async lint(document: vscode.TextDocument): Promise<void> {
    if (!SCHEMES.has(document.uri.scheme)) return;
    const version = document.version;
    const disabled = new Set(this.configs ? (await this.configs.contextFor(document.uri)).config.disabledRules : []);
    if (document.isClosed || document.version !== version) return; // a newer lint follows
    const text = document.getText();
    const path = document.uri.path;
    const isPolicy = document.uri.scheme === policyScheme;
    this.abandonValidation(document.uri);
    if (!this.enabled || (!isPolicy && !iacKindOf(path, text))) {
      if (this.findings.has(document.uri.toString())) this.clear(document.uri);
      return;
    }
    const findings = (
      isPolicy ? policyDocumentFindings(text, this.policies?.contextFor(document.uri)) : lintIac(path, text)
    ).filter((finding) => !disabled.has(finding.ruleId));
    this.show(document, findings);
    if (isPolicy && this.policies && parsesAsJson(text) && !disabled.has('policy-store-validation'))
      this.scheduleValidation(document, text, findings);
  }

  private show(document: vscode.TextDocument, findings: PostureFinding[]): void {
    const diagnostics = findings.map((finding) => postureDiagnostic(document, finding));
    this.findings.set(
      document.uri.toString(),
      new Map(diagnostics.map((d, i) => [postureKey(d.range, String(d.code)), findings[i]!])),
    );
    this.scanned.delete(document.uri.toString());
    this.collection.set(document.uri, diagnostics);
    this.updated.fire(document.uri);
  }

  /** Scan Workspace's results for a file that is not open ([] clears earlier ones). */
  publishScanned(uri: vscode.Uri, results: PostureResult[]): void {
    const key = uri.toString();
    if (this.findings.has(key)) return; // the live lint owns open documents
    if (!results.length) {
      if (this.scanned.delete(key)) this.collection.delete(uri);
      return;
    }
    this.scanned.add(key);
    this.collection.set(
      uri,
      results.map(({ range: { start, end }, message, level, ruleId }) =>
        diagnosticOf(new vscode.Range(start.line, start.character, end.line, end.character), message, level, ruleId),
      ),
    );
  }

  /** Forgets every workspace-scan result, so a new scan starts from nothing. */
  clearScanned(): void {
    for (const key of this.scanned) this.collection.delete(vscode.Uri.parse(key));
    this.scanned.clear();
  }

  /** Posture problems in the Problems panel now. */
  problemCount(): number {
    let count = 0;
    this.collection.forEach((_uri, diagnostics) => void (count += diagnostics.length));
    return count;
  }

  /** Adds the store's findings the local ones do not already give, unless the document changed meanwhile. */
  private scheduleValidation(document: vscode.TextDocument, text: string, local: PostureFinding[]): void {
    const key = document.uri.toString();
    const version = document.version;
    this.validationDebounce.schedule(key, VALIDATE_MS, () => {
      const controller = new AbortController();
      this.validating.set(key, controller);
      void this.policies!.validate(document.uri, text, controller.signal).then((errors) => {
        if (controller.signal.aborted || document.isClosed || document.version !== version) return;
        this.validating.delete(key);
        const fromStore = storeValidationFindings(errors, text, local);
        if (fromStore.length) this.show(document, [...local, ...fromStore]);
        this.validated.fire(document.uri);
      });
    });
  }

  private abandonValidation(uri: vscode.Uri): void {
    const key = uri.toString();
    this.validationDebounce.cancel(key);
    this.validating.get(key)?.abort();
    this.validating.delete(key);
  }

  findingFor(uri: vscode.Uri, diagnostic: vscode.Diagnostic): PostureFinding | undefined {
    return this.findings.get(uri.toString())?.get(postureKey(diagnostic.range, String(diagnostic.code)));
  }

  private clear(uri: vscode.Uri): void {
    this.debounce.cancel(uri.toString());
    this.abandonValidation(uri);
    this.findings.delete(uri.toString());
    this.collection.delete(uri);
  }

  dispose(): void {
    for (const controller of this.validating.values()) controller.abort();
    for (const disposable of this.disposables) disposable.dispose();
  }
}

/** The narrowing quick fix, built from the finding's typed fix (text edits), never from re-parsing. */
export class PostureCodeActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly diagnostics: PostureDiagnostics) {}

  provideCodeActions(
    document: vscode.TextDocument,
    _range: vscode.Range,
    context: vscode.CodeActionContext,
  ): vscode.CodeAction[] {
    return context.diagnostics.flatMap((diagnostic) => {
      const fix = this.diagnostics.findingFor(document.uri, diagnostic)?.fix;
      if (!fix) return [];
      const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
      action.diagnostics = [diagnostic];
      action.isPreferred = true;
      action.edit = new vscode.WorkspaceEdit();
      for (const edit of fix.edits) {
        const range = new vscode.Range(
          document.positionAt(edit.offset),
          document.positionAt(edit.offset + edit.length),
        );
        action.edit.replace(document.uri, range, edit.newText);
      }
      return [action];
    });
  }
}

export function registerPosture(
  policies?: PolicyDocumentSource,
  configs?: ProjectConfigs,
): {
  diagnostics: PostureDiagnostics;
  disposables: vscode.Disposable[];
} {
  const diagnostics = new PostureDiagnostics(policies, configs);
  return {
    diagnostics,
    disposables: [
      diagnostics,
      vscode.languages.registerCodeActionsProvider({ scheme: '*' }, new PostureCodeActions(diagnostics), {
        providedCodeActionKinds: PostureCodeActions.kinds,
      }),
    ],
  };
}
