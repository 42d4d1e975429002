// The editor features on secret references this side owns: CodeLens, hover and the commands their links run.
import * as vscode from 'vscode';
import type { Services } from '../services';
import { ReferenceCodeLensProvider } from './code-lens';
import { DocumentReferences, referenceDocuments, type DocumentReferenceSource } from './document-references';
import { ReferenceHoverProvider } from './hover';
import { registerReferenceCommands } from './reference-commands';
import type { SecretLookup } from './secret-lookup';

export function registerReferenceLensAndHover(
  services: Services,
  lookup: SecretLookup,
  index: DocumentReferenceSource,
): vscode.Disposable[] {
  const references = new DocumentReferences(index);
  const lenses = new ReferenceCodeLensProvider(lookup, references);
  return [
    lenses,
    vscode.languages.registerCodeLensProvider(referenceDocuments, lenses),
    vscode.languages.registerHoverProvider(referenceDocuments, new ReferenceHoverProvider(lookup, references)),
    ...registerReferenceCommands(services),
  ];
}
