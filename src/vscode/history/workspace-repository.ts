// Which repository a git command acts on: the folder or file it was invoked on, else the workspace folder (asked
// when there are several). Its root is git's top folder, so a subfolder works too. Only in a trusted workspace.
import * as vscode from 'vscode';
import { GitHistoryError } from '../../core/git/history';
import { repositoryRoot } from '../../core/git/repository';
import { required } from '../commands/runner';
import type { Services } from '../services';

export async function workspaceRepository(services: Services, target: unknown, title: string): Promise<string> {
  const folder = target instanceof vscode.Uri ? target : await pickFolder(services, title);
  if (folder.scheme !== 'file') throw new Error(`${folder.toString()} is not on disk: git cannot read it.`);
  try {
    return await repositoryRoot(folder.fsPath);
  } catch (error) {
    if (error instanceof GitHistoryError) {
      throw new Error(`${folder.fsPath} is not in a git repository: open a folder that is, or run git init.`, {
        cause: error,
      });
    }
    throw error;
  }
}

/**
 * Like VS Code's own git extension: git obeys the repository's config (hooks path, filters), so nothing runs
 * before the workspace is trusted. False (and the user told, without waiting for the toast) in Restricted Mode.
 */
export function trusted(services: Services, title: string): boolean {
  if (vscode.workspace.isTrusted) return true;
  void services
    .ui()
    .notify('warning', `${title} waits for workspace trust (this workspace is in Restricted Mode): it runs git here.`);
  return false;
}

async function pickFolder(services: Services, title: string): Promise<vscode.Uri> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (!folders.length) throw new Error('Open a folder (a git repository) first.');
  if (folders.length === 1) return folders[0].uri;
  return required(
    await services.ui().pick(
      folders.map((f) => ({ label: f.name, description: f.uri.fsPath, value: f.uri })),
      { title, placeholder: 'Which repository' },
    ),
  );
}
