// Reference problems in open documents: a secret the folder's validating connection lacks, one scheduled for
// deletion, a stage, version id or JSON key that does not exist. A collection of its own (not the hardcoded-
// credential linter's), recomputed on open, on change (debounced), and when the lookup's answers change.
import * as vscode from 'vscode';
import { PerDocumentDebounce } from '../document-debounce';
import { Emitter } from '../../core/events';
import { checkReferences, type ReferenceProblem, type SecretFacts } from '../../core/references/reference-checks';
import { ReferenceDiagnosticSource, ReferenceSettings } from './check-constants';
import type { DocumentReferences } from './document-references';
import type { ReferenceFacts } from './reference-facts';

/** The problem behind a diagnostic, with the connection it was checked against (the quick fix reads it). */
export interface ReferenceProblemData extends ReferenceProblem {
  connectionId: string;
}

const SCHEMES = new Set(['file', 'untitled', 'vscode-vfs', 'vscode-remote']);
const DEBOUNCE_MS = 400;

export function problemKey(range: vscode.Range, code: string): string {
  return `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}|${code}`;
}

function codeOf(diagnostic: vscode.Diagnostic): string {
  const code = diagnostic.code;
  return typeof code === 'object' ? String(code.value) : String(code);
}

export class ReferenceDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('secrets-workbench-references');
  private readonly data = new Map<string, Map<string, ReferenceProblemData>>();
  private readonly debounce = new PerDocumentDebounce();
  /** Bumped per document on every check, so a slow lookup never publishes over a newer one. */
  private readonly generations = new Map<string, number>();
  private readonly disposables: vscode.Disposable[] = [this.debounce];
  private readonly updated = new Emitter<vscode.Uri>();
  /** Fires after a document's reference diagnostics were published (tests wait on it). */
  readonly onDidUpdate = this.updated.event;

  constructor(
    private readonly lookups: ReferenceFacts,
    private readonly references: DocumentReferences,
  ) {
    this.disposables.push(
      this.collection,
      this.updated,
      vscode.workspace.onDidOpenTextDocument((document) => this.schedule(document, 0)),
      vscode.workspace.onDidChangeTextDocument((event) => {
        if (event.contentChanges.length) this.schedule(event.document, DEBOUNCE_MS);
      }),
      vscode.workspace.onDidCloseTextDocument((document) => this.forget(document.uri)),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration(`${ReferenceSettings.section}.references`)) this.refreshAll();
      }),
      lookups.onDidChange(() => this.refreshAll()),
      // the env map changed, so env reads did
      references.onDidChange(() => this.refreshAll()),
    );
    this.refreshAll();
  }

  /** The problem behind one of this collection's diagnostics. */
  problemFor(uri: vscode.Uri, diagnostic: vscode.Diagnostic): ReferenceProblemData | undefined {
    if (diagnostic.source !== ReferenceDiagnosticSource) return undefined;
    return this.data.get(uri.toString())?.get(problemKey(diagnostic.range, codeOf(diagnostic)));
  }

  refreshAll(): void {
    for (const document of vscode.workspace.textDocuments) this.schedule(document, 0);
  }

  private schedule(document: vscode.TextDocument, delayMs: number): void {
    if (!SCHEMES.has(document.uri.scheme)) return;
    this.debounce.schedule(document.uri.toString(), delayMs, () => void this.check(document));
  }

  /** Checks one document now (also what the debounce ends in). */
  async check(document: vscode.TextDocument): Promise<void> {
    const key = document.uri.toString();
    const generation = (this.generations.get(key) ?? 0) + 1;
    this.generations.set(key, generation);
    if (!enabled(document.uri)) {
      this.publish(document.uri, []);
      return;
    }
    const references = this.references.of(document);
    const connection = this.lookups.connectionFor(document.uri);
    const facts = new Map<string, SecretFacts | undefined>();
    await Promise.all(
      [...new Set(references.map((r) => r.secretId))].map(async (secretId) => {
        const withKeys = references.some((r) => r.secretId === secretId && r.jsonKey !== undefined);
        facts.set(secretId, await this.lookups.facts(connection.id, secretId, withKeys).catch(() => undefined));
      }),
    );
    if (this.generations.get(key) !== generation || document.isClosed) return;
    const problems = checkReferences(references, (id) => facts.get(id), connection.label);
    this.publish(
      document.uri,
      problems.map((problem) => ({ ...problem, connectionId: connection.id })),
    );
  }

  private publish(uri: vscode.Uri, problems: ReferenceProblemData[]): void {
    const byKey = new Map<string, ReferenceProblemData>();
    const diagnostics = problems.map((problem) => {
      const range = new vscode.Range(problem.line, problem.character, problem.line, problem.character + problem.length);
      const diagnostic = new vscode.Diagnostic(range, problem.message, vscode.DiagnosticSeverity.Warning);
      diagnostic.source = ReferenceDiagnosticSource;
      diagnostic.code = problem.code;
      byKey.set(problemKey(range, problem.code), problem);
      return diagnostic;
    });
    this.data.set(uri.toString(), byKey);
    this.collection.set(uri, diagnostics);
    this.updated.fire(uri);
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    this.debounce.cancel(key);
    this.generations.delete(key);
    this.data.delete(key);
    this.collection.delete(uri);
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}

function enabled(uri: vscode.Uri): boolean {
  return (
    vscode.workspace
      .getConfiguration(ReferenceSettings.section, uri)
      .get<boolean>(ReferenceSettings.diagnosticsEnabled) ?? true
  );
}
