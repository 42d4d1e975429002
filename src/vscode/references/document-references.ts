// The secret references of one open document, for the editor features (CodeLens, hover, reference problems).
// Only the current document's text is needed (and its folder's `env` map, so reads of those variables count):
// the workspace index serves find-references and rename.
import * as vscode from 'vscode';
import { findReferences, projectEnvMap, type SecretReference } from '../../core/references/index';

/** Documents whose references the editor features decorate: files on disk and unsaved ones, not secret values. */
export const referenceDocuments: vscode.DocumentSelector = [{ scheme: 'file' }, { scheme: 'untitled' }];

const cache = new WeakMap<vscode.TextDocument, { version: number; references: SecretReference[] }>();

/** The document's references, computed once per document version. */
export function documentReferences(document: vscode.TextDocument): SecretReference[] {
  const cached = cache.get(document);
  if (cached?.version === document.version) return cached.references;
  // In reading order: lenses are listed as returned.
  const folder = vscode.workspace.getWorkspaceFolder(document.uri);
  const envMap = folder?.uri.scheme === 'file' ? projectEnvMap(folder.uri.fsPath) : {};
  const references = findReferences(document.getText(), undefined, { envMap }).sort(
    (a, b) => a.line - b.line || a.character - b.character,
  );
  cache.set(document, { version: document.version, references });
  return references;
}

export function referenceRange(reference: SecretReference): vscode.Range {
  return new vscode.Range(reference.line, reference.character, reference.line, reference.character + reference.length);
}

/** The reference whose secret id (or variable) spans `position`. */
export function referenceAt(document: vscode.TextDocument, position: vscode.Position): SecretReference | undefined {
  return documentReferences(document).find((r) => referenceRange(r).contains(position));
}
