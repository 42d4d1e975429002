// Add/Remove AWS Connection and Add Passphrase to Local Vault.
import type * as vscode from 'vscode';
import type { VaultStore } from '../../core/vault/index';
import { addVaultPassphrase } from '../../core/usecases/local-vault';
import { Commands } from '../constants';
import type { Services } from '../services';
import { connectionOf, pickConnection } from './targets';
import { attempt, registerCommand, required } from './runner';

export function registerConnectionCommands(services: Services): vscode.Disposable[] {
  return [
    registerCommand(services, Commands.addAwsConnection, async () => {
      const title = 'Add AWS Connection';
      const aws = await services.aws();
      const profiles = await attempt('Reading the AWS config files', () => aws.listAwsProfiles());
      const enterProfile = '\u0000enter';
      const profileName = profiles.length
        ? required(
            await services.ui().pick(
              [
                ...profiles.map((p) => ({
                  label: p.name,
                  description: [p.kind, p.region].filter(Boolean).join(' · '),
                  value: p.name,
                })),
                { label: 'Enter a profile name…', value: enterProfile },
              ],
              {
                title,
                placeholder: 'AWS profile (from ~/.aws/config and ~/.aws/credentials)',
                step: { current: 1, total: 3 },
              },
            ),
          )
        : enterProfile;
      const profileNameFinal =
        profileName === enterProfile
          ? required(
              await services
                .ui()
                .text({ title, prompt: 'AWS profile name', value: 'default', step: { current: 1, total: 3 } }),
            )
          : profileName;
      const profile = profiles.find((p) => p.name === profileNameFinal);
      const region = required(
        await services.ui().pick(
          orderedRegions(aws.awsRegions, profile?.region).map((r) => ({
            label: r,
            description: r === profile?.region ? 'profile default' : undefined,
            value: r,
          })),
          { title, placeholder: 'Region', step: { current: 2, total: 3 } },
        ),
      );
      const endpoint = required(
        await services.ui().text({
          title,
          prompt: 'Endpoint URL (optional: leave empty for AWS; e.g. a local `secrets-workbench serve` endpoint)',
          value: profile?.endpointUrl ?? '',
          validate: (text) =>
            !text || /^https?:\/\/\S+$/.test(text) ? undefined : 'Enter an http(s) URL or leave it empty.',
          step: { current: 3, total: 3 },
        }),
      );
      const connection = await services.connections.addAws({
        profile: profileNameFinal,
        region,
        ...(endpoint ? { endpoint } : {}),
      });
      services.log.info(`Added connection ${connection.label}.`);
      return connection.id;
    }),
    registerCommand(services, Commands.removeConnection, async (node) => {
      const connection =
        connectionOf(node, services) ??
        (await pickConnection(services, 'Remove AWS Connection', (c) => c.kind === 'aws'));
      if (connection.kind !== 'aws') throw new Error('The local vault is always present and cannot be removed.');
      const yes = await services.ui().confirm({
        message: `Remove the connection "${connection.label}"?`,
        detail: 'Only the connection is removed from settings; no secret is deleted.',
        confirmLabel: 'Remove Connection',
      });
      if (!yes) return;
      services.connections.forget(connection.id);
      await services.connections.remove(connection.id);
      services.log.info(`Removed connection ${connection.label}.`);
    }),
    registerCommand(services, Commands.addVaultPassphrase, async () => {
      const vault = await services.connections.getStore(services.connections.localVault.id);
      await addVaultPassphrase(services.ports(), vault as VaultStore);
      const where = `The local vault ${(vault as VaultStore).path}`;
      await services
        .ui()
        .notify('info', `${where} now also opens with your passphrase (e.g. from the CLI with --vault).`);
    }),
  ];
}

function orderedRegions(regions: readonly string[], preferred: string | undefined): string[] {
  return preferred ? [preferred, ...regions.filter((r) => r !== preferred)] : [...regions];
}
