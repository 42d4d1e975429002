// Opens a file as a commit recorded it, on a range: through the built-in git extension's URI when it is there
// (so the editor shows it as git shows it, with its history actions), else through a read-only document of our
// own that `git show` fills.
import * as vscode from 'vscode';
import { fileAtCommit } from '../../core/git/repository';
import { Schemes } from '../constants';

/** The part of the git extension's API 1 used here (extensions/git/src/api/git.d.ts). */
interface GitApi {
  toGitUri(uri: vscode.Uri, ref: string): vscode.Uri;
  getRepository(uri: vscode.Uri): unknown;
  openRepository?(root: vscode.Uri): Promise<unknown>;
}

interface GitExtension {
  readonly enabled: boolean;
  getAPI(version: 1): GitApi;
}

export const GitExtensionId = 'vscode.git';

/** The git extension's URI for the file at that commit; undefined when the extension is missing or disabled. */
export async function gitExtensionUri(root: string, path: string, commit: string): Promise<vscode.Uri | undefined> {
  try {
    const extension = vscode.extensions.getExtension<GitExtension>(GitExtensionId);
    if (!extension) return undefined;
    const exports = extension.isActive ? extension.exports : await extension.activate();
    if (!exports?.enabled) return undefined;
    const api = exports.getAPI(1);
    const file = vscode.Uri.joinPath(vscode.Uri.file(root), path);
    // its file system answers only for repositories it has open (one outside the workspace may not be)
    if (!api.getRepository(file)) await api.openRepository?.(vscode.Uri.file(root));
    if (!api.getRepository(file)) return undefined;
    return api.toGitUri(file, commit);
  } catch {
    return undefined;
  }
}

/** Our own read-only URI for the file at that commit (the fallback). */
export function gitShowUri(root: string, path: string, commit: string): vscode.Uri {
  return vscode.Uri.from({
    scheme: Schemes.gitShow,
    path: `/${path}`,
    query: new URLSearchParams({ root, commit }).toString(),
  });
}

export class GitShowDocuments implements vscode.TextDocumentContentProvider {
  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const query = new URLSearchParams(uri.query);
    return fileAtCommit(query.get('root') ?? '', query.get('commit') ?? '', uri.path.replace(/^\//, ''));
  }
}

/** Shows the file at the commit with the range selected; says which way it was opened. */
export async function openAtCommit(
  root: string,
  path: string,
  commit: string,
  range: vscode.Range,
): Promise<{ uri: vscode.Uri; via: 'git-extension' | 'git-show' }> {
  const viaGit = await gitExtensionUri(root, path, commit);
  if (viaGit) {
    try {
      await vscode.window.showTextDocument(viaGit, { selection: range, preview: true });
      return { uri: viaGit, via: 'git-extension' };
    } catch {
      // the git extension could not read it (repository closed meanwhile): our own way below
    }
  }
  const uri = gitShowUri(root, path, commit);
  await vscode.window.showTextDocument(uri, { selection: range, preview: true });
  return { uri, via: 'git-show' };
}
