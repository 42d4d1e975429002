// `secrets-workbench serve`: the local vault over the AWS Secrets Manager protocol on 127.0.0.1, for any SDK.
import { parseArgs } from 'node:util';
import { simulatedRotationFunction, startSecretsServer } from '../../core/server/index';
import { VaultError, VaultStore } from '../../core/vault/index';
import { passphraseVariable, vaultKey, vaultKeyVariable, vaultPathOf, vaultVariable } from '../store-options';
import { ExitCode, UsageError, type CliCommand, type CliIo } from './types';

const usage = [
  'Usage: secrets-workbench serve [--vault FILE] [--port N] [--region R]',
  '',
  'Serves the local vault as AWS Secrets Manager on 127.0.0.1 until Ctrl-C (SIGINT) or SIGTERM.',
  'Prints, once, the export lines that point an AWS SDK at it (a fresh access key each start):',
  '  export AWS_ENDPOINT_URL_SECRETS_MANAGER=… AWS_ACCESS_KEY_ID=… AWS_SECRET_ACCESS_KEY=… AWS_REGION=…',
  '',
  `  --vault FILE   vault file (default: $${vaultVariable}, else ~/.secrets-workbench/vault.swv)`,
  '  --port N       port to listen on (default: a free port)',
  '  --region R     region used in ARNs and expected by clients (default: us-east-1)',
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
  let values: { vault?: string; port?: string; region?: string };
  try {
    ({ values } = parseArgs({
      args,
      options: { vault: { type: 'string' }, port: { type: 'string' }, region: { type: 'string' } },
      strict: true,
    }));
  } catch {
    throw new UsageError('serve takes --vault FILE, --port N and --region R only');
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port must be 0 to 65535');
  const path = vaultPathOf({ vault: values.vault }, io);
  if (!(await VaultStore.exists(path))) {
    io.stderr.write(`secrets-workbench serve: no vault at ${path}; create one with: secrets-workbench secrets init\n`);
    return ExitCode.refused;
  }
  const key = await vaultKey(io, path);
  let vault: VaultStore;
  try {
    vault = await VaultStore.open(path, key, {
      rotationFunction: simulatedRotationFunction,
      recheckAfterMs: serveRecheckAfterMs,
    });
  } catch (error) {
    if (!(error instanceof VaultError)) throw error;
    io.stderr.write(`secrets-workbench serve: ${error.message}\n`);
    return error.code === 'Io' ? ExitCode.usage : ExitCode.refused;
  }
  try {
    const server = await startSecretsServer({ store: vault, port, region: values.region });
    io.stdout.write(
      [
        `export AWS_ENDPOINT_URL_SECRETS_MANAGER=${server.endpoint}`,
        `export AWS_ACCESS_KEY_ID=${server.accessKeyId}`,
        `export AWS_SECRET_ACCESS_KEY=${server.secretAccessKey}`,
        `export AWS_REGION=${server.region}`,
        '',
      ].join('\n'),
    );
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
