// The CLI's command table: one line per command module.
import { pullCommand } from './pull';
import { runCommand } from './run';
import { scanCommand } from './scan';
import { secretsCommand } from './secrets';
import { serveCommand } from './serve';
import type { CliCommand } from './types';

export const commands: readonly CliCommand[] = [scanCommand, secretsCommand, serveCommand, pullCommand, runCommand];
