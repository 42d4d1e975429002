// The baseline that applies to a repository's history in the editor: the workspace folder's baseline setting
// when the repository is that folder (or inside it), else .secrets-baseline.json at the repository root.
import { existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import * as vscode from 'vscode';
import { readBaseline, type Baseline } from '../../core/git/baseline';
import { baselineSetting, DEFAULT_BASELINE_FILE } from '../diagnostics/baseline';

/** The baseline, or undefined when there is none or it cannot be read (`onError` says why; never its content). */
export function repositoryBaseline(root: string, onError: (message: string) => void): Baseline | undefined {
  const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(root));
  const setting = folder && folder.uri.fsPath === root ? baselineSetting(folder) : DEFAULT_BASELINE_FILE;
  if (!setting) return undefined;
  const path = isAbsolute(setting) ? setting : join(root, setting);
  if (!existsSync(path)) return undefined;
  try {
    return readBaseline(path);
  } catch (error) {
    onError((error as Error).message);
    return undefined;
  }
}
