import { productVersion } from '../core/version';
import { printableLines } from '../core/terminal-text';
import { commands } from './commands/index';
import { ExitCode, UsageError, type CliIo } from './commands/types';

export function helpText(): string {
  const width = Math.max(8, ...commands.map((c) => c.name.length));
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return [
    'Usage: secrets-workbench <command> [options]',
    '',
    'Commands:',
    ...lines,
    '',
    'Options:',
    '  -h, --help     show help (also: <command> --help)',
    '  -v, --version  print the version',
    '',
  ].join('\n');
}

export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '-h' || name === '--help' || name === 'help') {
    io.stdout.write(helpText());
    return name ? ExitCode.ok : ExitCode.usage;
  }
  if (name === '-v' || name === '--version') {
    io.stdout.write(`${productVersion}\n`);
    return ExitCode.ok;
  }
  const entry = commands.find((c) => c.name === name);
  if (!entry) {
    // Echo only what looks like a command word (lowercase letters, hyphens): a mistyped line could hold a secret.
    const shown = /^[a-z][a-z-]{0,29}$/.test(name) ? `'${name}'` : '(not shown)';
    io.stderr.write(`secrets-workbench: unknown command ${shown}\n\n${helpText()}`);
    return ExitCode.usage;
  }
  const command = await entry.load();
  // Words after `--` belong to another program (`run -- node -h`).
  const own = rest.includes('--') ? rest.slice(0, rest.indexOf('--')) : rest;
  if (own.includes('--help') || own.includes('-h')) {
    io.stdout.write(`${command.usage}\n`);
    return ExitCode.ok;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr.write(`secrets-workbench ${name}: ${printableLines(error.message)}\n${command.usage}\n`);
      return ExitCode.usage;
    }
    // Messages from core never carry secret values; still, print only the message.
    io.stderr.write(
      `secrets-workbench ${name}: ${printableLines(error instanceof Error ? error.message : String(error))}\n`,
    );
    return ExitCode.usage;
  }
}

if (require.main === module) {
  runCli(process.argv.slice(2), {
    // a getter: touching process.stdin loads the stream modules (~7 ms), which a scan never needs
    get stdin() {
      return process.stdin;
    },
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    cwd: process.cwd(),
    raise: (signal) => process.kill(process.pid, signal),
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`secrets-workbench: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = ExitCode.usage;
    },
  );
}
