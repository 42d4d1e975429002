// Live diagnostics: one DiagnosticCollection; each open document has an incremental DocumentScanner fed
// with VS Code's content changes and debounced, so typing never waits on the linter.
import * as vscode from 'vscode';
import { Emitter } from '../../core/events';
import { DocumentScanner, type Finding } from '../../core/detection/index';
import { WorkspaceBaselines, type BaselineFilter } from './baseline';
import { FindingData } from './finding-data';
import { ProjectConfigs } from './project-config';
import { readDiagnosticOptions, type DiagnosticOptions } from './settings';
import { toDiagnostic } from './to-diagnostic';

interface Tracked {
  scanner: DocumentScanner | undefined;
  timer?: ReturnType<typeof setTimeout>;
  pending: vscode.TextDocumentContentChangeEvent[];
  /** Bumped on every (re)configuration so a stale async setup does not win. */
  generation: number;
  /** The workspace baseline: findings it records are not reported. */
  isNew: BaselineFilter;
}

const SCHEMES = new Set(['file', 'untitled', 'vscode-vfs', 'vscode-remote']);

export class SecretDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('secrets-workbench');
  readonly data = new FindingData();
  private readonly tracked = new Map<string, Tracked>();
  private readonly disposables: vscode.Disposable[] = [];
  private options: DiagnosticOptions = readDiagnosticOptions();
  private readonly updated = new Emitter<vscode.Uri>();
  /** Fires after a document's diagnostics were (re)computed (tests and the bench wait on it). */
  readonly onDidUpdate = this.updated.event;

  constructor(
    readonly configs: ProjectConfigs,
    readonly baselines: WorkspaceBaselines = new WorkspaceBaselines(),
  ) {
    this.disposables.push(
      this.collection,
      this.updated,
      vscode.workspace.onDidOpenTextDocument((document) => void this.open(document)),
      vscode.workspace.onDidChangeTextDocument((event) => this.change(event)),
      vscode.workspace.onDidCloseTextDocument((document) => this.close(document.uri)),
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration('secretsWorkbench.diagnostics')) this.reset();
      }),
      configs.onDidChange(() => this.reset()),
      baselines,
      baselines.onDidChange(() => this.reset()),
    );
    for (const document of vscode.workspace.textDocuments) void this.open(document);
  }

  /** Re-reads settings and the project config, and rescans every open document. */
  reset(): void {
    this.options = readDiagnosticOptions();
    this.baselines.clear();
    for (const document of vscode.workspace.textDocuments) void this.open(document);
  }

  private async open(document: vscode.TextDocument): Promise<void> {
    if (!SCHEMES.has(document.uri.scheme)) return;
    const key = document.uri.toString();
    const previous = this.tracked.get(key);
    if (previous?.timer) clearTimeout(previous.timer);
    const tracked: Tracked = {
      scanner: undefined,
      pending: [],
      generation: (previous?.generation ?? 0) + 1,
      isNew: () => true,
    };
    this.tracked.set(key, tracked);
    const context = await this.configs.contextFor(document.uri);
    tracked.isNew = await this.baselines.filterFor(context.folder);
    if (this.tracked.get(key) !== tracked || document.isClosed) return;
    const skip =
      !this.options.enabled ||
      this.options.excludeLanguages.has(document.languageId) ||
      this.options.isExcludedPath(context.relativePath);
    if (skip) {
      this.clear(document.uri);
      return;
    }
    tracked.scanner = new DocumentScanner(document.getText(), {
      path: context.relativePath,
      languageId: document.languageId,
      config: context.config,
    });
    this.publish(document, tracked.scanner.result().findings);
  }

  private change(event: vscode.TextDocumentChangeEvent): void {
    const tracked = this.tracked.get(event.document.uri.toString());
    if (!tracked?.scanner || !event.contentChanges.length) return;
    tracked.pending.push(...event.contentChanges);
    if (tracked.timer) clearTimeout(tracked.timer);
    tracked.timer = setTimeout(() => this.flush(event.document), this.options.debounceMs);
  }

  /** Applies the debounced changes (incremental re-scan of the touched lines) and publishes. */
  flush(document: vscode.TextDocument): void {
    const tracked = this.tracked.get(document.uri.toString());
    if (!tracked?.scanner || document.isClosed) return;
    tracked.timer = undefined;
    // VS Code orders an event's contentChanges so that applying them one after the other is correct (its own
    // document model does exactly that), and events arrive in order.
    const changes = tracked.pending.splice(0).map((change) => ({ range: change.range, text: change.text }));
    this.publish(document, tracked.scanner.update(changes).findings);
  }

  private publish(document: vscode.TextDocument, all: Finding[]): void {
    const isNew = this.tracked.get(document.uri.toString())?.isNew;
    const findings = isNew ? all.filter(isNew) : all;
    this.data.set(document.uri, { version: document.version, findings });
    this.collection.set(
      document.uri,
      findings.map((finding) => toDiagnostic(finding, this.options.severity)),
    );
    this.updated.fire(document.uri);
  }

  /** Diagnostics from a workspace scan for a file that is not open. */
  publishScanned(uri: vscode.Uri, all: Finding[], isNew: BaselineFilter = () => true): void {
    if (this.tracked.has(uri.toString())) return; // the live scanner owns open documents
    const findings = all.filter(isNew);
    this.data.set(uri, { version: -1, findings });
    this.collection.set(
      uri,
      findings.map((finding) => toDiagnostic(finding, this.options.severity)),
    );
  }

  /**
   * Forgets every workspace-scan result (files not open), so a new scan starts from nothing: results for files
   * deleted or newly ignored since the last scan do not linger. Open documents keep their live results.
   */
  clearScanned(): void {
    this.collection.forEach((uri) => {
      if (!this.tracked.has(uri.toString())) this.clear(uri);
    });
  }

  /** What the Problems panel shows from this extension now. */
  problemCount(): { findings: number; files: number } {
    let findings = 0;
    let files = 0;
    this.collection.forEach((_uri, diagnostics) => {
      findings += diagnostics.length;
      if (diagnostics.length) files++;
    });
    return { findings, files };
  }

  private clear(uri: vscode.Uri): void {
    this.collection.delete(uri);
    this.data.delete(uri);
  }

  private close(uri: vscode.Uri): void {
    const tracked = this.tracked.get(uri.toString());
    if (tracked?.timer) clearTimeout(tracked.timer);
    this.tracked.delete(uri.toString());
    this.clear(uri);
  }

  get severity() {
    return this.options.severity;
  }

  dispose(): void {
    for (const tracked of this.tracked.values()) if (tracked.timer) clearTimeout(tracked.timer);
    this.tracked.clear();
    for (const disposable of this.disposables) disposable.dispose();
  }
}
