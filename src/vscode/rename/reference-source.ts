// The workspace's secret references for Find References and Rename Secret…, from the extension's reference index
// (kept current from open documents' unsaved text and the file watcher). Located for VS Code: each reference's
// `path` is its file's URI string, which the rename's ports read back.
import * as vscode from 'vscode';
import type { SecretReference } from '../../core/references/index';
import { referencesToSecret, type LocatedReference } from '../../core/rename/reference-edits';
import type { WorkspaceReferenceIndex } from '../references/workspace-index';

export interface WorkspaceReference extends LocatedReference {
  uri: vscode.Uri;
  range: vscode.Range;
}

/** Every reference to the secret (by name, partial or full ARN of its region and account), sorted by file. */
export async function referencesToSecretIn(
  index: WorkspaceReferenceIndex,
  secret: { name: string; arn?: string },
): Promise<WorkspaceReference[]> {
  const found = (await index.ready()).referencesTo(secret.arn ?? secret.name);
  return sorted(referencesToSecret(found.map(located), secret));
}

/** The reference under `position` in an indexed document, and every reference that names the same secret. */
export async function referencesAt(
  index: WorkspaceReferenceIndex,
  document: vscode.TextDocument,
  position: vscode.Position,
): Promise<WorkspaceReference[]> {
  const ready = await index.ready();
  const here = ready
    .referencesIn(document.uri.fsPath)
    .map(located)
    .find((r) => r.range.contains(position));
  if (!here) return [];
  return sorted(ready.referencesTo(here.secretId).map(located));
}

/** The index files references by absolute path. */
function located(reference: SecretReference): WorkspaceReference {
  const uri = vscode.Uri.file(reference.path!);
  return {
    secretId: reference.secretId,
    kind: reference.kind,
    line: reference.line,
    character: reference.character,
    length: reference.length,
    ...(reference.jsonKey !== undefined ? { jsonKey: reference.jsonKey } : {}),
    path: uri.toString(),
    uri,
    range: new vscode.Range(
      reference.line,
      reference.character,
      reference.line,
      reference.character + reference.length,
    ),
  };
}

function sorted(references: WorkspaceReference[]): WorkspaceReference[] {
  return references.sort((a, b) =>
    a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line || a.character - b.character,
  );
}
