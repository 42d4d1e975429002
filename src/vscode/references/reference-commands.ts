// What CodeLens and hover links run on a referenced secret. Both open its details page first (value masked, as a
// click in the tree does); the hover's "Reveal value…" then asks before opening the value, like the tree's
// explicit "Open Secret Value".
import * as vscode from 'vscode';
import { Commands } from '../constants';
import type { Services } from '../services';
import { secretNodeOf } from '../tree/explorer-model';
import type { SecretNode } from '../tree/nodes';
import { attempt, registerCommand } from '../commands/runner';
import type { RevealReferenceArgs } from './hover';

export function registerReferenceCommands(services: Services): vscode.Disposable[] {
  return [
    registerCommand(services, Commands.openReferencedSecret, async (args) => {
      const node = await referencedNode(services, args);
      await services.reveal(node.connectionId, node.secret.name).catch((error) => {
        services.log.error(`reveal ${node.secret.name}`, error); // the details page still opens
      });
      return vscode.commands.executeCommand<string | undefined>(Commands.showSecretDetails, node);
    }),
    registerCommand(services, Commands.revealReferencedValue, async (args) => {
      const node = await referencedNode(services, args);
      const details = await vscode.commands.executeCommand<string | undefined>(Commands.showSecretDetails, node);
      const connection = services.connections.get(node.connectionId);
      const show = await services.ui().confirm({
        message: `Show the value of "${node.secret.name}" (${connection.label}) in an editor?`,
        detail: 'Its details page keeps the value masked; this opens the value itself.',
        confirmLabel: 'Show Value',
      });
      const value = show
        ? await vscode.commands.executeCommand<string | undefined>(Commands.openSecretValue, node)
        : undefined;
      return { details, value };
    }),
  ];
}

/** The tree's node for the secret (or one like it, when its page is not loaded), from fresh metadata. */
async function referencedNode(services: Services, args: unknown): Promise<SecretNode> {
  const { connectionId, name } = (args ?? {}) as Partial<RevealReferenceArgs>;
  if (typeof connectionId !== 'string' || typeof name !== 'string')
    throw new Error('This command runs from a secret reference in the editor (its CodeLens or hover).');
  const store = await services.connections.getStore(connectionId);
  const secret = await attempt(`Reading "${name}"`, () => store.describeSecret(name));
  return (
    (await services.model.secretNode(connectionId, secret.name)) ?? secretNodeOf(connectionId, secret, secret.name)
  );
}
