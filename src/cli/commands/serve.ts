// `secrets-workbench serve`: the local vault over the AWS Secrets Manager protocol on 127.0.0.1, for any SDK.
import { parseArgs } from 'node:util';
import { isAwsRegion } from '../../core/aws/regions';
import { exportLines } from '../../core/offline/environment';
import { openServedVault, startServer, vaultExists, type VaultStore } from '../../core/usecases/stores';
import { VaultError } from '../../core/vault/errors';
import { accessLogPathFor } from '../../core/access/log';
import {
  passphraseVariable,
  vaultKey,
  vaultRollbackOptions,
  vaultKeyVariable,
  vaultPathOf,
  vaultVariable,
} from '../store-options';
import { ExitCode, UsageError, type CliCommand, type CliIo } from './types';

const usage = [
  'Usage: secrets-workbench serve [--vault FILE] [--port N] [--region R] [--accept-rollback]',
  '',
  'Serves the local vault as AWS Secrets Manager on 127.0.0.1 until Ctrl-C (SIGINT) or SIGTERM.',
  'Prints, once, the export lines that point an AWS SDK at it (a fresh access key each start):',
  "  export AWS_ENDPOINT_URL_SECRETS_MANAGER='…' AWS_ACCESS_KEY_ID='…' AWS_SECRET_ACCESS_KEY='…' AWS_REGION='…'",
  '(each value single-quoted, so `eval "$(secrets-workbench serve)"` assigns exactly these)',
  '',
  `  --vault FILE   vault file (default: $${vaultVariable}, else ~/.secrets-workbench/vault.swv)`,
  '  --port N       port to listen on (default: a free port)',
  '  --region R     region used in ARNs and expected by clients, e.g. eu-west-1 (default: us-east-1)',
  '  --accept-rollback  serve a vault file older than the one last seen on this machine (default: refuse it)',
  '',
  'Limits: 1024 open connections, 10 s for headers, 30 s for a whole request, 1 MiB per body. A request',
  'without a valid signature over the key, date, host and x-amz-target is refused from its headers alone,',
  'before any of its body is read.',
  '',
  `The key comes from $${vaultKeyVariable} (base64 raw key), else the passphrase from $${passphraseVariable}`,
  'or a prompt. Rotation Lambdas named',
  'secrets-workbench-generated-password (and secrets-workbench-stuck-rotation) are simulated locally.',
].join('\n');

/**
 * How long the server trusts the vault file unchanged between checks: no stat per request, and a write by
 * another process (the CLI, the extension) is served at most this late (the bound is 100 ms; half leaves room).
 */
export const serveRecheckAfterMs = 50;

export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'serve the local vault as AWS Secrets Manager on 127.0.0.1 (for any AWS SDK)',
  usage,
  run: (args, io) => serve(args, io, stopSignal()),
};

/** Runs the server until `stop` resolves. Exported for tests that stop it without signals. */
export async function serve(args: string[], io: CliIo, stop: Promise<unknown>): Promise<number> {
  let values: { vault?: string; port?: string; region?: string; 'accept-rollback'?: boolean };
  try {
    ({ values } = parseArgs({
      args,
      options: {
        vault: { type: 'string' },
        port: { type: 'string' },
        region: { type: 'string' },
        'accept-rollback': { type: 'boolean' },
      },
      strict: true,
    }));
  } catch {
    throw new UsageError('serve takes --vault FILE, --port N, --region R and --accept-rollback only');
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port must be 0 to 65535');
  if (values.region !== undefined && !isAwsRegion(values.region)) {
    throw new UsageError('--region must be an AWS region name such as us-east-1 or eu-west-1');
  }
  const path = vaultPathOf({ vault: values.vault }, io);
  if (!(await vaultExists(path))) {
    io.stderr.write(`secrets-workbench serve: no vault at ${path}; create one with: secrets-workbench secrets init\n`);
    return ExitCode.refused;
  }
  const key = await vaultKey(io, path);
  let vault: VaultStore;
  try {
    vault = await openServedVault(path, key, {
      // A file replaced under the server by an older copy is refused, never served or written over.
      ...vaultRollbackOptions(io, values['accept-rollback'] === true),
      recheckAfterMs: serveRecheckAfterMs,
    });
  } catch (error) {
    if (!(error instanceof VaultError)) throw error;
    io.stderr.write(`secrets-workbench serve: ${error.message}\n`);
    return error.code === 'Io' ? ExitCode.usage : ExitCode.refused;
  }
  try {
    // every call is logged beside the vault (who read which secret; never a value)
    const accessLog = { path: accessLogPathFor(path) };
    const server = await startServer({ store: vault, port, region: values.region, accessLog });
    const exported = exportLines({
      AWS_ENDPOINT_URL_SECRETS_MANAGER: server.endpoint,
      AWS_ACCESS_KEY_ID: server.accessKeyId,
      AWS_SECRET_ACCESS_KEY: server.secretAccessKey,
      AWS_REGION: server.region,
    });
    io.stdout.write(`${exported}\n`);
    io.stderr.write(`Serving ${path} at ${server.endpoint} (Ctrl-C to stop)\n`);
    await stop;
    await server.close();
    await vault.settled();
    return ExitCode.ok;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES') {
      io.stderr.write(`secrets-workbench serve: cannot listen on 127.0.0.1:${port} (${code})\n`);
      return ExitCode.usage;
    }
    throw error;
  } finally {
    vault.close();
  }
}

function stopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
