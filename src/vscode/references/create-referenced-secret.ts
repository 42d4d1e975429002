// "Create secret…" on a missing-secret reference: runs the Create Secret command pre-filled with the
// connection that validated the reference, the name as written, and every JSON key the workspace's references
// to that secret read (the workspace index: files on disk, edited documents' unsaved text). Once created, the
// lookup forgets its "missing" answer and the diagnostic clears.
import * as vscode from 'vscode';
import type { SecretReference } from '../../core/references/index';
import { jsonKeysUsed } from '../../core/references/reference-checks';
import { secretNameProblem } from '../../core/store/validation';
import type { CreateSecretPrefill } from '../commands/create-secret';
import { registerCommand } from '../commands/runner';
import { Commands } from '../constants';
import type { Services } from '../services';
import { ReferenceCommands } from './check-constants';
import type { DocumentReferences } from './document-references';
import type { ReferenceDiagnostics } from './reference-diagnostics';

export interface CreateReferencedSecretArgs {
  connectionId: string;
  secretId: string;
}

export class CreateReferencedSecretActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly diagnostics: ReferenceDiagnostics) {}

  provideCodeActions(
    document: vscode.TextDocument,
    _range: vscode.Range,
    context: vscode.CodeActionContext,
  ): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      const problem = this.diagnostics.problemFor(document.uri, diagnostic);
      // An ARN cannot be created: the service picks its suffix.
      if (problem?.code !== 'missing-secret' || secretNameProblem(problem.secretId)) continue;
      const action = new vscode.CodeAction(`Create secret "${problem.secretId}"…`, vscode.CodeActionKind.QuickFix);
      action.diagnostics = [diagnostic];
      action.isPreferred = true;
      const args: CreateReferencedSecretArgs = { connectionId: problem.connectionId, secretId: problem.secretId };
      action.command = { command: ReferenceCommands.createReferencedSecret, title: action.title, arguments: [args] };
      actions.push(action);
    }
    return actions;
  }
}

export function registerCreateReferencedSecret(services: Services, references: DocumentReferences): vscode.Disposable {
  return registerCommand(services, ReferenceCommands.createReferencedSecret, async (arg) => {
    const { connectionId, secretId } = arg as CreateReferencedSecretArgs;
    const prefill: CreateSecretPrefill = {
      kind: 'createSecretPrefill',
      connectionId,
      name: secretId,
      jsonKeys: jsonKeysUsed(await referencesTo(services, references, secretId), secretId),
    };
    // Creating refreshes the explorer model, which makes the shared lookup forget the connection's answers.
    return vscode.commands.executeCommand<string | undefined>(Commands.createSecret, prefill);
  });
}

/** The workspace index's references to the secret, and those of open documents (which it may not have yet). */
async function referencesTo(
  services: Services,
  references: DocumentReferences,
  secretId: string,
): Promise<SecretReference[]> {
  const indexed = (await services.references.ready()).referencesTo(secretId);
  const open = vscode.workspace.textDocuments
    .filter((document) => document.uri.scheme === 'file' || document.uri.scheme === 'untitled')
    .flatMap((document) => references.of(document));
  return [...indexed, ...open];
}
