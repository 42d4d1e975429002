// The references of one open document, from the one reference finder (the index offline "prepare" uses too),
// with the folder project's `env` map so reads of its variables count.
import * as vscode from 'vscode';
import { findReferences, projectEnvMap, type SecretReference } from '../../core/references/index';

export function documentReferences(document: vscode.TextDocument): SecretReference[] {
  const folder = vscode.workspace.getWorkspaceFolder(document.uri);
  const envMap = folder?.uri.scheme === 'file' ? projectEnvMap(folder.uri.fsPath) : {};
  return findReferences(document.getText(), vscode.workspace.asRelativePath(document.uri, false), { envMap });
}
