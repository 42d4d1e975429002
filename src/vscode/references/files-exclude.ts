// VS Code's files.exclude for a folder, as the globs it turns on and as a matcher of root-relative paths.
import picomatch from 'picomatch';
import * as vscode from 'vscode';

/** The globs files.exclude turns on for a folder (`{ when: … }` sibling rules are left out). */
export function filesExcludeGlobs(folder: vscode.Uri): string[] {
  const setting = vscode.workspace.getConfiguration('files', folder).get<Record<string, unknown>>('exclude') ?? {};
  return Object.entries(setting)
    .filter(([, on]) => on === true)
    .map(([glob]) => glob);
}

export function filesExcludeMatcher(folder: vscode.Uri): (relative: string) => boolean {
  const globs = filesExcludeGlobs(folder);
  return globs.length ? picomatch(globs, { dot: true }) : () => false;
}
