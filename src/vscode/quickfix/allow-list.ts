// "Mark as not a secret": adds `sha256:<hash>` of the value to the project config's allowedValues (the
// config stores hashes only, never the value), creating `.secrets-workbench.json` when needed.
import * as vscode from 'vscode';
import { CONFIG_FILE_NAME } from '../../core/detection/index';

export function addAllowedHash(configText: string | undefined, valueHash: string): string {
  const config = configText?.trim() ? (JSON.parse(configText) as Record<string, unknown>) : {};
  const entry = `sha256:${valueHash.toLowerCase()}`;
  const allowed = Array.isArray(config.allowedValues) ? (config.allowedValues as string[]) : [];
  if (!allowed.some((existing) => existing.toLowerCase().replace(/^sha256:/, '') === valueHash.toLowerCase()))
    allowed.push(entry);
  config.allowedValues = allowed;
  return `${JSON.stringify(config, null, 2)}\n`;
}

export async function markNotSecret(args: { uri: string; valueHash: string }): Promise<vscode.Uri | undefined> {
  const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.parse(args.uri));
  if (!folder) {
    void vscode.window.showWarningMessage('Mark as not a secret needs a workspace folder for .secrets-workbench.json.');
    return undefined;
  }
  const configUri = vscode.Uri.joinPath(folder.uri, CONFIG_FILE_NAME);
  let current: string | undefined;
  try {
    current = new TextDecoder().decode(await vscode.workspace.fs.readFile(configUri));
  } catch {
    current = undefined;
  }
  try {
    await vscode.workspace.fs.writeFile(configUri, new TextEncoder().encode(addAllowedHash(current, args.valueHash)));
  } catch (error) {
    void vscode.window.showErrorMessage(`Could not update ${CONFIG_FILE_NAME}: ${(error as Error).message}`);
    return undefined;
  }
  return configUri;
}
