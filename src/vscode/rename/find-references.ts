// Find References in Workspace: every use of a secret in the workspace, listed in VS Code's References view.
// A ReferenceProvider answers for a secret id under the cursor (Shift+F12 / Find All References in code), and
// the tree command opens the first use and asks the References view for it, so both show the same list.
import * as vscode from 'vscode';
import { SecretReferenceCommands } from '../constants';
import type { Services } from '../services';
import { registerCommand } from '../commands/runner';
import { resolveSecret } from '../commands/targets';
import type { WorkspaceReferenceIndex } from '../references/workspace-index';
import { referencesAt, referencesToSecretIn, type WorkspaceReference } from './reference-source';

/** The built-in extension that owns the References view (present in VS Code and code-server). */
const referencesViewExtension = 'vscode.references-view';

export class SecretReferenceProvider implements vscode.ReferenceProvider {
  constructor(private readonly index: WorkspaceReferenceIndex) {}

  async provideReferences(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Location[]> {
    return (await referencesAt(this.index, document, position)).map(toLocation);
  }
}

export function registerFindReferences(services: Services): vscode.Disposable[] {
  return [
    vscode.languages.registerReferenceProvider({ scheme: 'file' }, new SecretReferenceProvider(services.references)),
    registerCommand(services, SecretReferenceCommands.findReferences, async (node) => {
      const { connection, secret } = await resolveSecret(
        services,
        node,
        'Find References in Workspace',
        (s) => !s.deletedDate,
      );
      const references = await referencesToSecretIn(services.references, secret);
      services.log.info(`Find References: ${references.length} reference(s) to ${secret.name} (${connection.label}).`);
      if (!references.length) {
        void services.ui().notify('info', `No file in the workspace references "${secret.name}".`);
        return [];
      }
      await showInReferencesView(references);
      return references.map(toLocation);
    }),
  ];
}

/**
 * Opens the first reference and runs the References view's own "Find All References" there: the view then
 * lists what SecretReferenceProvider answers (and can refresh it). Without that extension, the peek widget.
 */
async function showInReferencesView(references: WorkspaceReference[]): Promise<void> {
  const [first] = references;
  const start = new vscode.Range(first.range.start, first.range.start);
  await vscode.window.showTextDocument(first.uri, { selection: start, preview: true });
  if (vscode.extensions.getExtension(referencesViewExtension)) {
    await vscode.commands.executeCommand('references-view.findReferences');
  } else {
    await vscode.commands.executeCommand(
      'editor.action.showReferences',
      first.uri,
      first.range.start,
      references.map(toLocation),
    );
  }
}

function toLocation(reference: WorkspaceReference): vscode.Location {
  return new vscode.Location(reference.uri, reference.range);
}
