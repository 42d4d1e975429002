// The secret the user is looking at: the one most recently selected in the Secrets view or shown in the editor
// (a secret document). Palette commands such as Rotate default to it.
import * as vscode from 'vscode';
import { Schemes } from '../constants';
import { parseSecretPath } from '../documents/secret-uri';
import { isSecretLike, type ExplorerNode } from '../tree/nodes';

export interface SecretRef {
  connectionId: string;
  name: string;
}

export class ContextSecret implements vscode.Disposable {
  private latest: SecretRef | undefined;
  private readonly disposables: vscode.Disposable[];

  constructor(treeView: vscode.TreeView<ExplorerNode>) {
    this.disposables = [
      treeView.onDidChangeSelection((event) => {
        const node = event.selection[0];
        if (isSecretLike(node)) this.latest = { connectionId: node.connectionId, name: node.secret.name };
      }),
      vscode.window.onDidChangeActiveTextEditor((editor) => this.fromEditor(editor)),
    ];
    this.fromEditor(vscode.window.activeTextEditor);
  }

  get(): SecretRef | undefined {
    return this.latest;
  }

  private fromEditor(editor: vscode.TextEditor | undefined): void {
    const uri = editor?.document.uri;
    if (uri?.scheme !== Schemes.value) return;
    const { connectionId, name } = parseSecretPath(uri.path, uri.query);
    this.latest = { connectionId, name };
  }

  dispose(): void {
    for (const disposable of this.disposables) disposable.dispose();
  }
}
