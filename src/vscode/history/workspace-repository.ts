// Which repository a git command acts on: the folder or file it was invoked on, else the workspace folder (asked
// when there are several). Its root is git's top folder, so a subfolder works too.
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
