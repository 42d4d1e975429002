// Least-privilege and rotation findings in infrastructure as code (CloudFormation, Terraform, policy JSON) as
// problems, in a collection of their own: they are about access, not hardcoded values, and have their own
// setting (secretsWorkbench.posture.enabled). The core lint is cheap and stateless, so each change re-runs it
// on the whole document after a short pause.
import * as vscode from 'vscode';
import { PerDocumentDebounce } from '../document-debounce';
import { Emitter } from '../../core/events';
import type { PostureFinding } from '../../core/posture/finding';
import { iacKindOf, lintIac } from '../../core/posture/iac-lint';
import { policyDocumentFindings, type PolicyContext } from '../../core/posture/policy-findings';
import { policyScheme } from './policy-documents';

/** Its own Problems-panel source, so filters can tell access findings from hardcoded credentials. */
export const PostureDiagnosticSource = 'Secrets Workbench posture';

export const PostureSettings = { section: 'secretsWorkbench', enabled: 'posture.enabled' } as const;

const SCHEMES = new Set(['file', 'untitled', 'vscode-vfs', 'vscode-remote', policyScheme]);
const DEBOUNCE_MS = 300;
const severities = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
} as const;

export const postureKey = (range: vscode.Range, ruleId: string) =>
  `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}|${ruleId}`;

export function postureDiagnostic(document: vscode.TextDocument, finding: PostureFinding): vscode.Diagnostic {
  const range = new vscode.Range(
    document.positionAt(finding.offset),
    document.positionAt(finding.offset + finding.length),
  );
  const diagnostic = new vscode.Diagnostic(range, finding.message, severities[finding.severity]);
  diagnostic.source = PostureDiagnosticSource;
  diagnostic.code = finding.ruleId;
  return diagnostic;
}

export class PostureDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('secrets-workbench-posture');
  /** Per document, the finding behind each diagnostic (code actions read its fix from here). */
  private readonly findings = new Map<string, Map<string, PostureFinding>>();
  private readonly debounce = new PerDocumentDebounce();
  private readonly updated = new Emitter<vscode.Uri>();
  readonly onDidUpdate = this.updated.event;
  private readonly disposables: vscode.Disposable[] = [this.debounce];

  /** `policyContext`: a secret policy document's account and key kind (see policy-documents.ts). */
  constructor(private readonly policyContext: (uri: vscode.Uri) => PolicyContext | undefined = () => undefined) {
    this.disposables.push(
      this.collection,
      this.updated,
      vscode.workspace.onDidOpenTextDocument((document) => this.lint(document)),
      vscode.workspace.onDidChangeTextDocument((event) => this.schedule(event.document)),
      vscode.workspace.onDidCloseTextDocument((document) => this.clear(document.uri)),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration(`${PostureSettings.section}.${PostureSettings.enabled}`)) this.relintAll();
      }),
    );
    this.relintAll();
  }

  private get enabled(): boolean {
    return vscode.workspace.getConfiguration(PostureSettings.section).get<boolean>(PostureSettings.enabled) ?? true;
  }

  private relintAll(): void {
    for (const document of vscode.workspace.textDocuments) this.lint(document);
  }

  private schedule(document: vscode.TextDocument): void {
    this.debounce.schedule(document.uri.toString(), DEBOUNCE_MS, () => {
      if (!document.isClosed) this.lint(document);
    });
  }

  lint(document: vscode.TextDocument): void {
    if (!SCHEMES.has(document.uri.scheme)) return;
    const text = document.getText();
    const path = document.uri.path;
    const isPolicy = document.uri.scheme === policyScheme;
    if (!this.enabled || (!isPolicy && !iacKindOf(path, text))) {
      if (this.findings.has(document.uri.toString())) this.clear(document.uri);
      return;
    }
    const findings = isPolicy ? policyDocumentFindings(text, this.policyContext(document.uri)) : lintIac(path, text);
    const diagnostics = findings.map((finding) => postureDiagnostic(document, finding));
    this.findings.set(
      document.uri.toString(),
      new Map(diagnostics.map((d, i) => [postureKey(d.range, String(d.code)), findings[i]!])),
    );
    this.collection.set(document.uri, diagnostics);
    this.updated.fire(document.uri);
  }

  findingFor(uri: vscode.Uri, diagnostic: vscode.Diagnostic): PostureFinding | undefined {
    return this.findings.get(uri.toString())?.get(postureKey(diagnostic.range, String(diagnostic.code)));
  }

  private clear(uri: vscode.Uri): void {
    this.debounce.cancel(uri.toString());
    this.findings.delete(uri.toString());
    this.collection.delete(uri);
  }

  dispose(): void {
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

export function registerPosture(policyContext?: (uri: vscode.Uri) => PolicyContext | undefined): {
  diagnostics: PostureDiagnostics;
  disposables: vscode.Disposable[];
} {
  const diagnostics = new PostureDiagnostics(policyContext);
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
