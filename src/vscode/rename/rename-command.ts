// Rename Secret…: asks the new name, then runs core's renameSecret with VS Code ports — the workspace's
// references, ONE WorkspaceEdit that opens the Refactor Preview (every replacement needs confirmation), and a
// modal before the old secret is scheduled for deletion. Discarding the preview removes the copy again.
import * as vscode from 'vscode';
import { formatDate } from '../../core/explorer/present';
import type { ReferenceEditPlan } from '../../core/rename/reference-edits';
import {
  renameNameProblem,
  renameSecret,
  type DeletionQuestion,
  type RenameOutcome,
} from '../../core/rename/rename-secret';
import { SecretReferenceCommands } from '../constants';
import type { Services } from '../services';
import { attempt, registerCommand, required } from '../commands/runner';
import { resolveSecret } from '../commands/targets';
import { referencesToSecretIn } from './reference-source';

/** What the command resolves to (tests read it): counts and names only. */
export interface RenameCommandResult {
  status: RenameOutcome['status'];
  newName: string;
  files: string[];
  replacements: number;
  skipped: number;
  oldDeletionDate?: string;
}

export function registerRenameSecret(services: Services): vscode.Disposable {
  return registerCommand(services, SecretReferenceCommands.renameSecret, async (node) => {
    const title = 'Rename Secret';
    const { connection, secret } = await resolveSecret(services, node, title, (s) => !s.deletedDate);
    const newName = required(
      await services.ui().text({
        title,
        prompt: `New name for "${secret.name}" in ${connection.label} (its versions are copied; references are updated after a preview)`,
        value: secret.name,
        validate: (text) => renameNameProblem(secret.name, text),
      }),
    );
    const outcome = await renameWithStatus(services, connection, secret.name, newName);
    for (const { reference, reason } of outcome.plan.skipped) {
      services.log.warn(
        `Rename ${secret.name}: not rewritten at ${vscode.Uri.parse(reference.path).fsPath}:${reference.line + 1} (${reason}).`,
      );
    }
    const severity = outcome.status === 'edits-discarded' ? 'warning' : 'info';
    void services.ui().notify(severity, summary(outcome, secret.name, newName));
    return commandResult(outcome, newName);
  });
}

/** Runs core's renameSecret with VS Code ports, a status-bar spinner meanwhile, and refreshes both names after. */
async function renameWithStatus(
  services: Services,
  connection: { id: string; label: string },
  oldName: string,
  newName: string,
): Promise<RenameOutcome> {
  const store = await services.connections.getStore(connection.id);
  const ui = services.ui();
  const status = vscode.window.setStatusBarMessage(`$(sync~spin) Renaming ${oldName}…`);
  try {
    return await attempt(`Renaming "${oldName}" to "${newName}" in ${connection.label}`, () =>
      renameSecret(
        {
          store,
          findReferences: (target) => referencesToSecretIn(services.references, target),
          readText,
          applyEdits: (plan) => applyAsOneEdit(plan, oldName, newName),
          confirmDeletion: (question) => ui.confirm(deletionQuestion(question, connection.label)),
          onProgress: (message) => services.log.info(`Rename ${oldName}: ${message}`),
        },
        oldName,
        newName,
      ),
    );
  } finally {
    status.dispose();
    services.afterChange(connection.id, oldName);
    services.afterChange(connection.id, newName);
  }
}

function commandResult(outcome: RenameOutcome, newName: string): RenameCommandResult {
  return {
    status: outcome.status,
    newName,
    files: outcome.plan.files,
    replacements: outcome.plan.replacements.length,
    skipped: outcome.plan.skipped.length,
    ...(outcome.status === 'renamed' && outcome.oldDeletionDate
      ? { oldDeletionDate: outcome.oldDeletionDate.toISOString() }
      : {}),
  };
}

async function readText(path: string): Promise<string | undefined> {
  try {
    return (await vscode.workspace.openTextDocument(vscode.Uri.parse(path))).getText();
  } catch {
    return undefined;
  }
}

/**
 * Every replacement in one WorkspaceEdit, each needing confirmation, so VS Code shows the Refactor Preview;
 * resolves false when the user discards it. Files that had no unsaved changes before are saved after, so the
 * code on disk no longer names a secret about to be deleted.
 */
async function applyAsOneEdit(plan: ReferenceEditPlan, oldName: string, newName: string): Promise<boolean> {
  const edit = new vscode.WorkspaceEdit();
  const label = `Rename secret "${oldName}" to "${newName}"`;
  const uris = plan.files.map((path) => vscode.Uri.parse(path));
  const wasDirty = new Set(vscode.workspace.textDocuments.filter((d) => d.isDirty).map((d) => d.uri.toString()));
  for (const r of plan.replacements) {
    edit.replace(
      vscode.Uri.parse(r.path),
      new vscode.Range(r.line, r.character, r.line, r.character + r.length),
      r.newText,
      { needsConfirmation: true, label, description: r.jsonKey ? `${r.kind}, key ${r.jsonKey}` : r.kind },
    );
  }
  const applied = await vscode.workspace.applyEdit(edit, { isRefactoring: true });
  if (!applied) return false;
  for (const uri of uris) {
    if (wasDirty.has(uri.toString())) continue;
    const document = await vscode.workspace.openTextDocument(uri);
    if (document.isDirty) await document.save();
  }
  return true;
}

function deletionQuestion(question: DeletionQuestion, connectionLabel: string) {
  const { oldName, newName, referencesChanged, filesChanged, recoveryWindowInDays } = question;
  return {
    message: `Schedule "${oldName}" for deletion from ${connectionLabel}?`,
    detail:
      `"${newName}" now holds all its versions, and ${referencesChanged} reference(s) in ${filesChanged} file(s) use it. ` +
      `"${oldName}" is deleted after a ${recoveryWindowInDays}-day recovery window ("Restore Secret" until then). ` +
      'Cancel keeps both secrets.',
    confirmLabel: 'Schedule Deletion',
  };
}

function summary(outcome: RenameOutcome, oldName: string, newName: string): string {
  const skipped = outcome.plan.skipped.length
    ? ` ${outcome.plan.skipped.length} reference(s) could not be rewritten: see the log.`
    : '';
  if (outcome.status === 'edits-discarded') {
    return `Rename cancelled: no file was changed and the copy "${newName}" was removed; "${oldName}" is unchanged.`;
  }
  const updated = `Renamed "${oldName}" to "${newName}" (${outcome.versionsCopied} version(s) copied, ${outcome.plan.replacements.length} reference(s) in ${outcome.plan.files.length} file(s) updated).`;
  const old = outcome.oldDeletionDate
    ? ` "${oldName}" is scheduled for deletion on ${formatDate(outcome.oldDeletionDate)}.`
    : ` "${oldName}" is kept: delete it once nothing uses it.`;
  return updated + old + skipped;
}
