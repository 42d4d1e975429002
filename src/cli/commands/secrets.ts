// `secrets-workbench secrets <cmd>`: Secrets Manager operations on the local vault (or another store).
import { secretsSummary } from './index';
import { parseArgs } from 'node:util';
import { printableLines } from '../../core/terminal-text';
import { SecretsError, type SecretStore } from '../../core/store/index';
import { VaultError } from '../../core/vault/errors';
import { OperationFailure } from '../../core/usecases/ports';
import { CliIoError } from '../prompt';
import { subcommands } from '../secrets/subcommands';
import {
  passphraseVariable,
  resolveStore,
  storeOptionSpecs,
  vaultKeyVariable,
  vaultVariable,
  type OpenedStore,
} from '../store-options';
import { ExitCode, UsageError, type CliCommand, type CliIo } from './types';

const pad = Math.max(...subcommands.map((s) => s.name.length));
const usage = [
  'Usage: secrets-workbench secrets <command> [options]',
  '',
  'Commands:',
  ...subcommands.map((s) => `  ${s.name.padEnd(pad)} ${s.summary}\n  ${' '.repeat(pad)} ${s.name} ${s.args}`.trimEnd()),
  '',
  'Store options:',
  '  --store local      the encrypted local vault (default)',
  `  --vault FILE       vault file (default: $${vaultVariable}, else ~/.secrets-workbench/vault.swv)`,
  '  --store aws        AWS Secrets Manager, with:',
  '    --profile P      a profile from ~/.aws/config (default: $AWS_PROFILE, env keys, then default)',
  '    --region R       default: $AWS_REGION, else the profile region, else us-east-1',
  '    --endpoint URL   default: $AWS_ENDPOINT_URL_SECRETS_MANAGER, else the profile endpoint_url',
  '  --accept-rollback  open a vault file older than the one last seen on this machine (after you restored',
  '                     a backup on purpose); without it such a file is refused',
  '  --json             print the Secrets Manager response shape (PascalCase keys)',
  '',
  `The passphrase comes from $${passphraseVariable} or a prompt (or a raw key from $${vaultKeyVariable});`,
  'values come from --value-file or stdin,',
  'never from the command line. Exit codes: 0 ok, 1 not found or refused, 2 usage or I/O error.',
].join('\n');

export const secretsCommand: CliCommand = {
  name: 'secrets',
  summary: secretsSummary,
  usage,
  async run(args: string[], io: CliIo): Promise<number> {
    const [name, ...rest] = args;
    const sub = subcommands.find((s) => s.name === name);
    if (!sub) throw new UsageError(name ? `unknown secrets command '${safeToken(name)}'` : 'missing secrets command');
    let parsed: ReturnType<typeof parseArgs>;
    try {
      parsed = parseArgs({
        args: rest,
        options: { ...storeOptionSpecs, ...sub.options, json: { type: 'boolean' } },
        allowPositionals: true,
        strict: true,
      });
    } catch (error) {
      throw new UsageError(safeParseError(error));
    }
    const { values, positionals } = parsed;
    const wanted = sub.takesId ? 1 : 0;
    if (positionals.length < wanted) throw new UsageError(`${sub.name} needs a secret name or ARN`);
    if (positionals.length > wanted && !sub.variadic) {
      // Never echo the extra word: it may be a value typed where it does not belong.
      throw new UsageError(
        `${sub.name}: unexpected extra argument (values are read from --value-file or stdin, never the command line)`,
      );
    }
    const storeOptions = {
      store: values.store as string | undefined,
      vault: values.vault as string | undefined,
      profile: values.profile as string | undefined,
      region: values.region as string | undefined,
      endpoint: values.endpoint as string | undefined,
      acceptRollback: values['accept-rollback'] === true,
    };
    let opened: OpenedStore | undefined;
    try {
      return await sub.run({
        io,
        id: positionals[0] ?? '',
        rest: positionals.slice(1),
        values: values as Record<string, string | boolean | string[] | undefined>,
        json: values.json === true,
        storeOptions,
        store: async (): Promise<SecretStore> => (opened ??= await resolveStore(storeOptions, io)).store,
      });
    } catch (error) {
      return reportFailure(error, sub.name, io);
    } finally {
      opened?.close();
    }
  },
};

/** Maps failures to exit codes. Store and vault messages never contain values; other errors print no message. */
function reportFailure(error: unknown, sub: string, io: CliIo): number {
  if (error instanceof UsageError) throw error; // main prints it with the usage text
  // A use case names the operation; the CLI's line already does (`secrets <sub>:`), so the cause is reported.
  if (error instanceof OperationFailure) return reportFailure(error.cause, sub, io);
  // Store messages name secrets, and names come from the store: make control characters visible.
  const say = (text: string) => io.stderr.write(`secrets-workbench secrets ${sub}: ${printableLines(text)}\n`);
  if (error instanceof SecretsError) {
    say(`${error.code}: ${error.message}`);
    return ExitCode.refused;
  }
  if (error instanceof VaultError) {
    say(error.message);
    return error.code === 'Io' ? ExitCode.usage : ExitCode.refused;
  }
  if (error instanceof CliIoError) {
    say(error.message);
    return ExitCode.usage;
  }
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  say(`unexpected ${error instanceof Error ? error.name : 'error'}${code ? ` (${code})` : ''}`);
  return ExitCode.usage;
}

function safeToken(text: string): string {
  return /^[a-z][a-z-]{0,29}$/.test(text) ? text : '(not shown)';
}

/** parseArgs messages quote the offending token; keep only an option's name, never a value after '='. */
function safeParseError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const option = /'(--?[A-Za-z0-9-]+)/.exec(message)?.[1];
  const code = (error as { code?: string }).code;
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `unknown option ${option ?? ''}`.trim();
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE')
    return `option ${option ?? ''} is missing its value or takes none`;
  return 'invalid arguments';
}
