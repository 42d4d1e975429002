// Database credential secrets (RDS/Redshift/DocumentDB JSON): Copy Connection URI through the self-clearing
// clipboard, and Open Terminal Connected running psql/mysql with the password in the terminal's environment,
// never in its command line. The menus show for secrets whose metadata says "database" (see
// core/database/detect.ts); the value is read when the command runs, and checked for the shape then.
import * as vscode from 'vscode';
import { clientCommand, connectionUri, databaseCredentialOf, type DatabaseCredential } from '../../core/database/index';
import { Commands } from '../constants';
import type { Services } from '../services';
import { attempt, registerCommand } from './runner';
import { resolveSecret, type SecretTarget } from './targets';

async function readCredential(services: Services, target: SecretTarget): Promise<DatabaseCredential> {
  const store = await services.connections.getStore(target.connection.id);
  const value = await attempt(`Reading "${target.secret.name}"`, () =>
    store.getSecretValue({ secretId: target.secret.name, versionId: target.versionId }),
  );
  const credential = databaseCredentialOf(value.secretString);
  if (!credential)
    throw new Error(
      `"${target.secret.name}" does not hold a database credential ` +
        '(a JSON object with engine, host, username and password, as RDS, Redshift and DocumentDB secrets do).',
    );
  return credential;
}

export function registerDatabaseCommands(services: Services): vscode.Disposable[] {
  const live = (s: { deletedDate?: Date }) => !s.deletedDate;
  return [
    registerCommand(services, Commands.copyConnectionUri, async (node) => {
      const target = await resolveSecret(services, node, 'Copy Connection URI', live);
      const credential = await readCredential(services, target);
      const seconds = await services.clipboard.copySecret(connectionUri(credential));
      void services
        .ui()
        .notify(
          'info',
          `Copied the ${credential.engine} connection URI of "${target.secret.name}".` +
            (seconds ? ` The clipboard is cleared in ${seconds} s unless you copy something else.` : ''),
        );
    }),
    registerCommand(services, Commands.openDatabaseTerminal, async (node) => {
      const target = await resolveSecret(services, node, 'Open Terminal Connected', live);
      const credential = await readCredential(services, target);
      const command = clientCommand(credential);
      if (!command)
        throw new Error(
          `"${target.secret.name}" is a ${credential.engine} credential: only psql (PostgreSQL, Redshift) and mysql ` +
            '(MySQL, MariaDB) take the password from the environment. Use Copy Connection URI instead.',
        );
      // The client is the terminal's process: its arguments (shown in the tab and `ps`) carry no password.
      const terminal = vscode.window.createTerminal({
        name: `${command.program} ${target.secret.name}`,
        shellPath: command.program,
        shellArgs: command.args,
        env: command.env,
        // A reload must not restore the terminal, with its environment, into a new process.
        isTransient: true,
      });
      terminal.show();
      return terminal.name;
    }),
  ];
}
