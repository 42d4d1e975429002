// `secrets-workbench pull`: copy secrets from AWS into the local vault (keeping AWS's VersionIds), the CLI
// side of "Prepare for Offline". Names come from --names or from scanning a folder for references.
import { dirname, resolve } from 'node:path';
import { mkdir } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { pullSecrets, type PullReport } from '../../core/sync/index';
import { findReferencedSecrets } from '../../core/usecases/prepare-offline';
import { createVault, openVault, vaultExists, type VaultStore } from '../../core/usecases/stores';
import type { VaultKey } from '../../core/vault/keys';
import { resolveStore, vaultKey, vaultPathOf } from '../store-options';
import { ExitCode, UsageError, type CliCommand, type CliIo } from './types';

const usage = `Usage: secrets-workbench pull [--from-profile P] [--region R] [--endpoint URL]
                              (--names a,b,c | --scan DIR) [--all-versions] [--vault FILE] [--json]

Copies secrets from AWS Secrets Manager into the local vault, keeping AWS's VersionIds and stages, so that
"Push Offline Changes" can later tell what changed on which side. Existing vault secrets are updated only
when they have no local changes.

  --from-profile P  AWS profile (default: the SDK's usual chain: AWS_PROFILE, environment keys, default)
  --region R        region (default: the profile's or AWS_REGION)
  --endpoint URL    Secrets Manager endpoint (e.g. a local server)
  --names a,b,c     secret names or ARNs
  --scan DIR        pull the secrets DIR's code references (getSecret calls, {{resolve:secretsmanager:…}},
                    Terraform data sources)
  --all-versions    also copy AWSPREVIOUS, AWSPENDING and custom-labelled versions
  --vault FILE      vault file (default: $SECRETS_WORKBENCH_VAULT or ~/.secrets-workbench/vault.swv);
                    created if missing. The key comes from $SECRETS_WORKBENCH_VAULT_KEY (base64 raw
                    key), else the passphrase from $SECRETS_WORKBENCH_PASSPHRASE or a no-echo prompt.
  --json            print the report as JSON

Exit codes: 0 all pulled, 1 some not found / conflicting / failed, 2 usage or I/O error.`;

export const pullCommand: CliCommand = {
  name: 'pull',
  summary: 'copy secrets from AWS into the local vault (for offline use)',
  usage,
  async run(args: string[], io: CliIo): Promise<number> {
    const options = parse(args);
    const ids = options.names ?? (await scan(options.scan!, io.cwd));
    if (ids.length === 0) {
      io.stderr.write('pull: no secret names to pull.\n');
      return ExitCode.ok;
    }
    const vaultPath = vaultPathOf({ vault: options.vault }, io);
    const key = await vaultKey(io, vaultPath);

    const source = await resolveStore(
      { store: 'aws', profile: options.profile, region: options.region, endpoint: options.endpoint },
      io,
    );
    const vault = await openOrCreateVault(vaultPath, key, io);
    try {
      const report = await pullSecrets(source.store, vault, ids, { allVersions: options.allVersions });
      io.stdout.write(options.json ? `${JSON.stringify(report, null, 2)}\n` : formatReport(report));
      return report.results.every((r) => ['created', 'updated', 'unchanged'].includes(r.status))
        ? ExitCode.ok
        : ExitCode.refused;
    } finally {
      vault.close();
      source.close();
    }
  },
};

interface PullOptions {
  profile?: string;
  region?: string;
  endpoint?: string;
  names?: string[];
  scan?: string;
  allVersions: boolean;
  vault?: string;
  json: boolean;
}

function parse(args: string[]): PullOptions {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        'from-profile': { type: 'string' },
        region: { type: 'string' },
        endpoint: { type: 'string' },
        names: { type: 'string' },
        scan: { type: 'string' },
        'all-versions': { type: 'boolean', default: false },
        vault: { type: 'string' },
        json: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if ((values.names === undefined) === (values.scan === undefined)) {
    throw new UsageError('give either --names or --scan.');
  }
  const names = values.names
    ?.split(',')
    .map((n) => n.trim())
    .filter(Boolean);
  return {
    profile: values['from-profile'],
    region: values.region,
    endpoint: values.endpoint,
    names,
    scan: values.scan,
    allVersions: values['all-versions'] ?? false,
    vault: values.vault,
    json: values.json ?? false,
  };
}

async function scan(folder: string, cwd: string): Promise<string[]> {
  return (await findReferencedSecrets([resolve(cwd, folder)])).referenced;
}

async function openOrCreateVault(path: string, key: VaultKey, io: CliIo): Promise<VaultStore> {
  if (await vaultExists(path)) return openVault(path, key);
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  io.stderr.write(`pull: creating a new vault at ${path}\n`);
  return createVault(path, key);
}

function formatReport(report: PullReport): string {
  const lines = report.results.map((r) => {
    const versions = r.versionIds.length
      ? ` (${r.versionIds.length} version${r.versionIds.length > 1 ? 's' : ''})`
      : '';
    const error = r.errorCode ? `: ${r.errorCode}: ${r.message}` : '';
    return `${r.status.padEnd(18)} ${r.secretId}${versions}${error}`;
  });
  if (report.notFound.length) lines.push(`not found in AWS: ${report.notFound.join(', ')}`);
  return `${lines.join('\n')}\n`;
}
