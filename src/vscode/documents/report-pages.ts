// Read-only Markdown report pages (Rotation Health, Cost Estimate, Who Read This Secret, Rotation Logs), one
// provider per scheme. The command renders the page before it opens, so a failure (a missing permission) is the
// command's one notification, not a broken document; the page then stays as read until the command runs again.
import * as vscode from 'vscode';
import { Emitter } from '../../core/events';
import { toVscodeEvent } from '../events';

export class ReportPages implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new Emitter<vscode.Uri>();
  readonly onDidChange = toVscodeEvent(this.changed.event);
  private readonly pages = new Map<string, string>();

  /** `render` computes a page (a reload of a page not read in this session renders it too). */
  constructor(private readonly render: (uri: vscode.Uri) => Promise<string> | string) {}

  provideTextDocumentContent(uri: vscode.Uri): Promise<string> | string {
    return this.pages.get(uri.toString()) ?? this.render(uri);
  }

  /** Renders the page (errors go to the caller), shows it in its document, open or not, and opens it. */
  async open(uri: vscode.Uri, text?: string): Promise<vscode.Uri> {
    this.pages.set(uri.toString(), text ?? (await this.render(uri)));
    this.changed.fire(uri);
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document, { preview: true });
    return document.uri;
  }

  /** This provider, registered for `scheme`, and itself, for the extension's subscriptions. */
  register(scheme: string): vscode.Disposable[] {
    return [this, vscode.workspace.registerTextDocumentContentProvider(scheme, this)];
  }

  dispose(): void {
    this.changed.dispose();
  }
}
