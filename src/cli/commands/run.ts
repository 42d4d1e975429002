// `secrets-workbench run [--connection …] -- <command…>`: resolves the project's `env` map from the chosen
// store and runs the command with those variables added to its environment, as `op run`, `doppler run` and
// `aws-vault exec` do. The values go into the child's environment only: never into a file, an argument list
// or this command's output. The child's exit code is passed through, and so are signals both ways.
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { parseArgs } from 'node:util';
import { EnvResolutionError, findProjectConfig, readEnvMap, resolveEnvMap } from '../../core/env/index';
import { resolveStore, storeOptionSpecs, type StoreOptions } from '../store-options';
import { ExitCode, UsageError, type CliCommand, type CliIo } from './types';

const usage = `Usage: secrets-workbench run [--connection local|aws:PROFILE:REGION[:ENDPOINT]] [--config FILE] -- <command> [args…]

Runs <command> with the variables of the project's "env" map (.secrets-workbench.json, found from the
current folder upwards) set from the secrets they name: a variable maps to "<secret>" or "<secret>#<json key>".
  --connection local                  the encrypted local vault (default; --vault FILE, or
                                      SECRETS_WORKBENCH_VAULT; key from SECRETS_WORKBENCH_VAULT_KEY or passphrase)
  --connection aws:PROFILE:REGION     AWS Secrets Manager (optionally :ENDPOINT, e.g. a local server)
  --config FILE                       the config file holding the env map
The command's exit code is returned; signals are passed on to it. Values are never printed.`;

const FORWARDED_SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT'];

/** `local` or the extension's connection id `aws:PROFILE:REGION[:ENDPOINT]` as store options. */
export function connectionOptions(connection: string | undefined): StoreOptions {
  if (connection === undefined || connection === 'local') return { store: 'local' };
  const [kind, profile, region, ...endpoint] = connection.split(':');
  if (kind !== 'aws' || !profile || !region)
    throw new UsageError('--connection must be "local" or "aws:PROFILE:REGION[:ENDPOINT]"');
  return { store: 'aws', profile, region, ...(endpoint.length ? { endpoint: endpoint.join(':') } : {}) };
}

export const runCommand: CliCommand = {
  name: 'run',
  summary: "run a command with the project's env map injected from a store",
  usage,
  async run(args: string[], io: CliIo): Promise<number> {
    const separator = args.indexOf('--');
    if (separator < 0) throw new UsageError('put the command after --, e.g. secrets-workbench run -- npm start');
    const command = args.slice(separator + 1);
    if (!command.length) throw new UsageError('no command after --');
    const { values } = parseArgs({
      args: args.slice(0, separator),
      options: { ...storeOptionSpecs, connection: { type: 'string' }, config: { type: 'string' } },
      strict: true,
    });
    const fromConnection = connectionOptions(values.connection);
    const options: StoreOptions = values.connection ? { ...values, ...fromConnection } : values;

    const configPath = values.config ?? findProjectConfig(io.cwd);
    if (!configPath) throw new UsageError(`no .secrets-workbench.json in ${io.cwd} or above (use --config)`);
    const map = readEnvMap(configPath);
    if (!Object.keys(map).length) throw new UsageError(`${configPath} has no "env" map: nothing to inject`);

    const opened = await resolveStore(options, io);
    let resolved: Record<string, string>;
    try {
      resolved = await resolveEnvMap(opened.store, map);
    } catch (error) {
      if (error instanceof EnvResolutionError) {
        io.stderr.write(`secrets-workbench run: nothing was started; from ${opened.label}, ${error.message}\n`);
        return ExitCode.refused;
      }
      throw error;
    } finally {
      opened.close();
    }
    return runWith(command, { ...io.env, ...resolved }, io);
  },
};

/** Runs the child with the environment; resolves with its exit code (128 + signal number when signalled). */
function runWith(command: string[], env: NodeJS.ProcessEnv, io: CliIo): Promise<number> {
  // A real terminal stays the child's own (colours, prompts); in-process callers get the output piped.
  const inherit = io.stdout === process.stdout;
  const child = spawn(command[0], command.slice(1), {
    cwd: io.cwd,
    env,
    stdio: inherit ? 'inherit' : ['ignore', 'pipe', 'pipe'],
  });
  if (!inherit) {
    child.stdout?.pipe(io.stdout, { end: false });
    child.stderr?.pipe(io.stderr, { end: false });
  }
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  for (const signal of FORWARDED_SIGNALS) process.on(signal, forward);
  return new Promise((resolve) => {
    child.once('error', (error: NodeJS.ErrnoException) => {
      for (const signal of FORWARDED_SIGNALS) process.off(signal, forward);
      io.stderr.write(
        `secrets-workbench run: cannot start ${JSON.stringify(command[0])}: ${error.code === 'ENOENT' ? 'command not found' : error.code}\n`,
      );
      resolve(error.code === 'ENOENT' ? 127 : 126);
    });
    child.once('close', (code, signal) => {
      for (const signal of FORWARDED_SIGNALS) process.off(signal, forward);
      if (signal) {
        io.raise?.(signal);
        resolve(128 + (constants.signals[signal] ?? 0));
      } else resolve(code ?? 1);
    });
  });
}
