// "Ignore this line / in this file": insert the project's suppression directive in the file's comment syntax,
// reusing a comment or directive that is already there (as ESLint's "disable for this line/file" does).
import { baseName, extensionOf, isDotenvPath } from './language';
import { eolOf, indentationAt, lineEnd, lineStart, nextLineStart } from './text';
import type { FixFinding, TextEdit } from './types';
import { FILE_DIRECTIVE, FILE_DIRECTIVE_PATTERN } from '../detection/file-directive';

export type SuppressionScope = 'line' | 'file';

export const LINE_DIRECTIVE = 'secrets-workbench:ignore';
export const NEXT_LINE_DIRECTIVE = 'secrets-workbench:ignore-next-line';

interface CommentSyntax {
  open: string;
  close: string;
}

const SLASH: CommentSyntax = { open: '//', close: '' };
const HASH: CommentSyntax = { open: '#', close: '' };
const XML: CommentSyntax = { open: '<!--', close: ' -->' };
const DASH: CommentSyntax = { open: '--', close: '' };

const BY_LANGUAGE: Record<string, CommentSyntax | null> = {
  javascript: SLASH,
  javascriptreact: SLASH,
  typescript: SLASH,
  typescriptreact: SLASH,
  go: SLASH,
  java: SLASH,
  csharp: SLASH,
  c: SLASH,
  cpp: SLASH,
  rust: SLASH,
  kotlin: SLASH,
  swift: SLASH,
  scala: SLASH,
  php: SLASH,
  groovy: SLASH,
  jsonc: SLASH,
  dart: SLASH,
  python: HASH,
  ruby: HASH,
  shellscript: HASH,
  powershell: HASH,
  yaml: HASH,
  dotenv: HASH,
  toml: HASH,
  ini: HASH,
  properties: HASH,
  terraform: HASH,
  hcl: HASH,
  dockerfile: HASH,
  perl: HASH,
  r: HASH,
  dockercompose: HASH,
  makefile: HASH,
  xml: XML,
  html: XML,
  markdown: XML,
  sql: DASH,
  lua: DASH,
  json: null,
};

const BY_EXTENSION: Record<string, CommentSyntax | null> = {
  js: SLASH,
  mjs: SLASH,
  cjs: SLASH,
  jsx: SLASH,
  ts: SLASH,
  mts: SLASH,
  cts: SLASH,
  tsx: SLASH,
  go: SLASH,
  java: SLASH,
  cs: SLASH,
  c: SLASH,
  h: SLASH,
  cpp: SLASH,
  rs: SLASH,
  kt: SLASH,
  swift: SLASH,
  scala: SLASH,
  php: SLASH,
  groovy: SLASH,
  gradle: SLASH,
  jsonc: SLASH,
  py: HASH,
  rb: HASH,
  sh: HASH,
  bash: HASH,
  zsh: HASH,
  ps1: HASH,
  yml: HASH,
  yaml: HASH,
  env: HASH,
  toml: HASH,
  ini: HASH,
  cfg: HASH,
  conf: HASH,
  properties: HASH,
  tf: HASH,
  tfvars: HASH,
  hcl: HASH,
  npmrc: HASH,
  xml: XML,
  config: XML,
  csproj: XML,
  html: XML,
  md: XML,
  sql: DASH,
  lua: DASH,
  json: null,
};

/** The comment syntax of a file; `null` when it has none (JSON). */
export function commentSyntaxFor(path: string, languageId?: string): CommentSyntax | null {
  if (languageId && languageId in BY_LANGUAGE) return BY_LANGUAGE[languageId];
  if (isDotenvPath(path) || /^dockerfile/i.test(baseName(path))) return HASH;
  return BY_EXTENSION[extensionOf(path)] ?? null;
}

function fileDirectiveEdit(text: string, syntax: CommentSyntax, ruleId: string): TextEdit | undefined {
  const existing = FILE_DIRECTIVE_PATTERN.exec(text);
  if (existing) {
    if (!existing[1]) return undefined; // already ignores every rule
    const end = existing.index + existing[0].length;
    return { start: end, end, newText: `, ${ruleId}` };
  }
  // After a shebang, a Python encoding line or an XML declaration, which must stay first.
  let at = 0;
  while (/^(#!|# -\*-|#.*coding[:=]|<\?xml)/.test(text.slice(at, lineEnd(text, at))) && at < text.length)
    at = nextLineStart(text, at);
  return { start: at, end: at, newText: `${syntax.open} ${FILE_DIRECTIVE} ${ruleId}${syntax.close}${eolOf(text)}` };
}

function lineDirectiveEdit(text: string, syntax: CommentSyntax, finding: FixFinding): TextEdit {
  const start = lineStart(text, finding.range.start.offset);
  const end = lineEnd(text, finding.range.start.offset);
  const line = text.slice(start, end);
  const afterValue =
    finding.range.end.line === finding.range.start.line ? finding.range.end.offset - start + 1 : line.length;
  // Reuse a trailing comment on the line (not inside the value).
  const commentAt = line.indexOf(` ${syntax.open}`, afterValue - 1);
  if (commentAt >= 0 && finding.construct !== 'private-key-block') {
    const closeAt = syntax.close ? line.lastIndexOf(syntax.close.trim()) : -1;
    const insertAt = start + (closeAt > commentAt ? closeAt : line.length);
    const before = text[insertAt - 1] === ' ' ? '' : ' ';
    return { start: insertAt, end: insertAt, newText: `${before}${LINE_DIRECTIVE}${closeAt > commentAt ? ' ' : ''}` };
  }
  // Otherwise a directive on its own line above, which never touches the value's line (multi-line strings,
  // .env parsers that would read a trailing comment into the value).
  const indent = indentationAt(text, start);
  return { start, end: start, newText: `${indent}${syntax.open} ${NEXT_LINE_DIRECTIVE}${syntax.close}${eolOf(text)}` };
}

/** The edit that suppresses `finding`; undefined when the file has no comments (JSON) or already ignores it. */
export function suppressionEdit(
  text: string,
  path: string,
  languageId: string | undefined,
  finding: FixFinding,
  scope: SuppressionScope,
): TextEdit | undefined {
  const syntax = commentSyntaxFor(path, languageId);
  if (!syntax) return undefined;
  return scope === 'file' ? fileDirectiveEdit(text, syntax, finding.ruleId) : lineDirectiveEdit(text, syntax, finding);
}
