// "Create Secret…": the connection, then the create use case's form, then the new secret shown in the tree.
// Besides a tree node, it accepts a CreateSecretPrefill (the "Create secret…" fix of a missing-secret
// reference): the connection that validates the reference, the name, and the JSON keys the code reads.
import type * as vscode from 'vscode';
import { askNewSecret, createSecret } from '../../core/usecases/create-secret';
import { Commands } from '../constants';
import type { Services } from '../services';
import { registerCommand } from './runner';
import { connectionOf, destinationOf, pickConnection } from './targets';

export interface CreateSecretPrefill {
  kind: 'createSecretPrefill';
  connectionId: string;
  name: string;
  /** JSON keys to ask values for first (the value type then defaults to key/value). */
  jsonKeys: string[];
}

export function registerCreateSecret(services: Services): vscode.Disposable {
  return registerCommand(services, Commands.createSecret, async (node) => {
    const title = 'Create Secret';
    const prefill = prefillOf(node);
    const connection = prefill
      ? services.connections.get(prefill.connectionId)
      : (connectionOf(node, services) ?? (await pickConnection(services, title)));
    const to = destinationOf(services, connection);
    const secret = await askNewSecret(services.ui(), to, {
      title,
      name: prefill?.name ?? folderOf(node),
      jsonKeys: prefill?.jsonKeys,
      askKmsKey: connection.capabilities.kms, // a KMS key step only where the key has an effect
      passwordRules: services.passwordRules(),
    });
    const created = await createSecret(services.ports(), to, secret);
    services.afterChange(connection.id);
    // Not awaited: TreeView.reveal can stay pending while the Secrets view is hidden (seen in the integration run).
    void services
      .reveal(connection.id, secret.name)
      .catch((error) => services.log.error(`reveal ${secret.name}`, error));
    void services.ui().notify('info', `Created secret "${secret.name}" in ${connection.label}.`);
    return created.arn;
  });
}

function prefillOf(arg: unknown): CreateSecretPrefill | undefined {
  const candidate = arg as Partial<CreateSecretPrefill> | undefined;
  return candidate?.kind === 'createSecretPrefill' && typeof candidate.connectionId === 'string'
    ? (candidate as CreateSecretPrefill)
    : undefined;
}

/** The prefix of a folder node, to prefill the name. */
function folderOf(node: unknown): string {
  const folder = node as { kind?: string; prefix?: string } | undefined;
  return folder?.kind === 'folder' ? (folder.prefix ?? '') : '';
}
