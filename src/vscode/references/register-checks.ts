// Wires completion, the reference diagnostics and their "Create secret…" fix onto the shared secret lookup.
import * as vscode from 'vscode';
import type { Services } from '../services';
import { CreateReferencedSecretActions, registerCreateReferencedSecret } from './create-referenced-secret';
import { DocumentReferences } from './document-references';
import { LookupFacts } from './lookup-facts';
import { ReferenceCompletion, referenceTriggerCharacters } from './reference-completion';
import { ReferenceDiagnostics } from './reference-diagnostics';
import type { SecretLookup } from './secret-lookup';

export interface ReferenceChecks {
  readonly diagnostics: ReferenceDiagnostics;
}

const documents: vscode.DocumentSelector = [{ scheme: 'file' }, { scheme: 'untitled' }];

export function registerReferenceChecks(
  context: vscode.ExtensionContext,
  services: Services,
  lookup: SecretLookup,
  localVaultExists: () => boolean,
): ReferenceChecks {
  const facts = new LookupFacts(
    lookup,
    (id) => services.connections.getStore(id),
    // The local vault: background checks only once it is open; completion may open an existing one.
    (id, userAsked) =>
      id !== services.connections.localVault.id || services.connections.isOpen(id) || (userAsked && localVaultExists()),
  );
  const references = new DocumentReferences(services.references);
  const diagnostics = new ReferenceDiagnostics(facts, references);
  context.subscriptions.push(
    diagnostics,
    vscode.languages.registerCompletionItemProvider(
      documents,
      new ReferenceCompletion(facts),
      ...referenceTriggerCharacters,
    ),
    vscode.languages.registerCodeActionsProvider(documents, new CreateReferencedSecretActions(diagnostics), {
      providedCodeActionKinds: CreateReferencedSecretActions.kinds,
    }),
    registerCreateReferencedSecret(services, references),
  );
  return { diagnostics };
}
