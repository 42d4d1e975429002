// The workspace's secret references, for Find References and Rename Secret…: every workspace folder's files,
// with the text of open unsaved editors in place of the file on disk (edits are planned against what is shown).
// One function, so that moving to the extension's incremental reference index is a one-line change.
import * as vscode from 'vscode';
import { findReferences, findWorkspaceReferences, projectEnvMap } from '../../core/references/index';
import type { LocatedReference } from '../../core/rename/reference-edits';

export interface WorkspaceReference extends LocatedReference {
  uri: vscode.Uri;
  range: vscode.Range;
}

/** `path` of each reference is its file's URI (as a string), which the rename's ports read back. */
export async function workspaceReferences(): Promise<WorkspaceReference[]> {
  const found: WorkspaceReference[] = [];
  const dirty = new Map(
    vscode.workspace.textDocuments
      .filter((d) => d.isDirty && d.uri.scheme === 'file')
      .map((d) => [d.uri.toString(), d]),
  );
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    if (folder.uri.scheme !== 'file') continue;
    const exclude = Object.entries(vscode.workspace.getConfiguration('files', folder).get<object>('exclude') ?? {})
      .filter(([, on]) => on === true)
      .map(([glob]) => glob);
    const scan = await findWorkspaceReferences(folder.uri.fsPath, {
      exclude,
      envMap: projectEnvMap(folder.uri.fsPath),
    });
    for (const reference of scan.references) {
      const uri = vscode.Uri.joinPath(folder.uri, reference.path!);
      if (!dirty.has(uri.toString())) found.push(located(uri, reference));
    }
  }
  for (const document of dirty.values()) {
    if (!vscode.workspace.getWorkspaceFolder(document.uri)) continue;
    found.push(...referencesIn(document));
  }
  return found;
}

/** The references in one document's current text (its path tells the formats apart). */
export function referencesIn(document: vscode.TextDocument): WorkspaceReference[] {
  const folder = vscode.workspace.getWorkspaceFolder(document.uri);
  const envMap = folder ? projectEnvMap(folder.uri.fsPath) : {};
  return findReferences(document.getText(), document.uri.fsPath, { envMap }).map((reference) =>
    located(document.uri, reference),
  );
}

function located(uri: vscode.Uri, reference: Omit<LocatedReference, 'path'> & { path?: string }): WorkspaceReference {
  const length = reference.length ?? reference.secretId.length;
  return {
    secretId: reference.secretId,
    kind: reference.kind,
    line: reference.line,
    character: reference.character,
    length,
    ...(reference.jsonKey !== undefined ? { jsonKey: reference.jsonKey } : {}),
    path: uri.toString(),
    uri,
    range: new vscode.Range(reference.line, reference.character, reference.line, reference.character + length),
  };
}
