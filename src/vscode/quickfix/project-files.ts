// What the quick fix reads from the project around a file: whether `await` is valid at its top level (nearest
// package.json and tsconfig.json, through workspace.fs so remote workspaces work), and the project's `env`
// map in `.secrets-workbench.json`, which the env-variable fix extends inside the same WorkspaceEdit.
import * as vscode from 'vscode';
import { CONFIG_FILE_NAME } from '../../core/detection/index';
import { withEnvEntries, type EnvMap } from '../../core/env/index';
import { loadProjectModuleInfo, type ProjectModuleInfo } from '../../core/fixes/index';

async function readText(uri: vscode.Uri): Promise<string | undefined> {
  const open = vscode.workspace.textDocuments.find((document) => document.uri.toString() === uri.toString());
  if (open) return open.getText();
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  } catch {
    return undefined;
  }
}

/** Module facts for `uri`, looked up no higher than its workspace folder. */
export function projectModuleInfo(uri: vscode.Uri): Promise<ProjectModuleInfo> {
  const folder = vscode.workspace.getWorkspaceFolder(uri);
  const root = folder?.uri.path ?? vscode.Uri.joinPath(uri, '..').path;
  return loadProjectModuleInfo(uri.path, root, (path) => readText(uri.with({ path })));
}

export interface ProjectEnv {
  configUri: vscode.Uri;
  /** The config's current text (an open editor's, unsaved changes included), or undefined when it is absent. */
  text: string | undefined;
  env: EnvMap;
}

/** The `env` map of the folder's config; an unreadable config counts as an empty map (the edit will say why). */
export async function readProjectEnv(folder: vscode.Uri): Promise<ProjectEnv> {
  const configUri = vscode.Uri.joinPath(folder, CONFIG_FILE_NAME);
  const text = await readText(configUri);
  let env: EnvMap = {};
  try {
    const parsed = text?.trim() ? (JSON.parse(text) as { env?: unknown }) : {};
    if (parsed.env && typeof parsed.env === 'object') env = parsed.env as EnvMap;
  } catch {
    env = {};
  }
  return { configUri, text, env };
}

/**
 * Adds the entries to `edit`: the whole config replaced (an existing file) or created. Returns a step to run
 * after the edit applied, which saves the config when it was not dirty before, so `secrets-workbench run`
 * sees the map at once. Throws when the config is not a JSON object (nothing has been changed then).
 */
export async function addEnvEntries(
  edit: vscode.WorkspaceEdit,
  project: ProjectEnv,
  entries: EnvMap,
): Promise<() => Promise<void>> {
  const next = withEnvEntries(project.text, entries);
  if (project.text === undefined) {
    edit.createFile(project.configUri, { ignoreIfExists: false, contents: new TextEncoder().encode(next) });
    return async () => undefined;
  }
  const document = await vscode.workspace.openTextDocument(project.configUri);
  const wasDirty = document.isDirty;
  edit.replace(project.configUri, new vscode.Range(0, 0, document.lineCount, 0), next);
  return async () => {
    if (!wasDirty) await document.save();
  };
}
