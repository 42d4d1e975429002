// The secret references of one open document, for the editor features (CodeLens, hover): found from its current
// text with its folder's find options (the env map), through the workspace index's single-document path.
import * as vscode from 'vscode';
import type { SecretReference } from '../../core/references/index';
import type { WorkspaceReferenceIndex } from './workspace-index';

/** Documents whose references the editor features decorate: files on disk and unsaved ones, not secret values. */
export const referenceDocuments: vscode.DocumentSelector = [{ scheme: 'file' }, { scheme: 'untitled' }];

export type DocumentReferenceSource = Pick<WorkspaceReferenceIndex, 'referencesInDocument' | 'onDidChange'>;

export class DocumentReferences {
  private readonly cache = new WeakMap<vscode.TextDocument, { version: number; references: SecretReference[] }>();

  constructor(private readonly source: DocumentReferenceSource) {}

  /** Fires when the index saw references change (e.g. the env map changed, so env reads did). */
  get onDidChange(): vscode.Event<unknown> {
    return this.source.onDidChange;
  }

  /** The document's references in reading order, computed once per document version. */
  of(document: vscode.TextDocument): SecretReference[] {
    const cached = this.cache.get(document);
    if (cached?.version === document.version) return cached.references;
    const references = this.source
      .referencesInDocument(document)
      .sort((a, b) => a.line - b.line || a.character - b.character);
    this.cache.set(document, { version: document.version, references });
    return references;
  }

  /** The reference whose secret id (or variable) spans `position`. */
  at(document: vscode.TextDocument, position: vscode.Position): SecretReference | undefined {
    return this.of(document).find((r) => referenceRange(r).contains(position));
  }
}

export function referenceRange(reference: SecretReference): vscode.Range {
  return new vscode.Range(reference.line, reference.character, reference.line, reference.character + reference.length);
}
