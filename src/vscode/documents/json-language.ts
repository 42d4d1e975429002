// Secret documents have no file extension, so a value that is a JSON object or array is given JSON highlighting.
import * as vscode from 'vscode';

export async function highlightIfJson(document: vscode.TextDocument): Promise<vscode.TextDocument> {
  const text = document.getText().trimStart();
  if (document.languageId === 'json' || !(text.startsWith('{') || text.startsWith('['))) return document;
  return vscode.languages.setTextDocumentLanguage(document, 'json');
}
