// The CLI's command table: one line per command module.
import { pullCommand } from './pull';
import type { CliCommand } from './types';

export const commands: readonly CliCommand[] = [pullCommand];
