// Python: replace each literal with `get_secret(...)` (PEP 8) from the generated boto3 helper (module at the project
// root by default) and import it once, after the file's leading imports.
import { pythonHelper } from '../helpers';
import { literalSpan } from '../literal';
import { fillCall, templateFor } from '../shared';
import { eolOf, fillTemplate } from '../text';
import type { FixPlan, FixRequest, TextEdit } from '../types';

/** Offset after the leading docstring, comments and top-level imports; and whether the import exists. */
export function pythonImportSite(text: string, importLine: string): { offset: number; alreadyImported: boolean } {
  const lines = text.split('\n');
  let offset = 0;
  let insertAt = 0;
  let i = 0;
  const advance = () => {
    offset += lines[i].length + 1;
    i++;
  };
  const alreadyImported = text.split(/\r?\n/).some((line) => line.trim() === importLine.trim());
  // Shebang, encoding line, comments and blank lines.
  while (i < lines.length && /^\s*(#.*)?\r?$/.test(lines[i])) {
    advance();
    if (lines[i - 1].startsWith('#')) insertAt = offset;
  }
  // Module docstring.
  const doc = i < lines.length ? /^\s*[rRuU]?("""|''')/.exec(lines[i]) : null;
  if (doc) {
    const delimiter = doc[1];
    const rest = lines[i].slice(lines[i].indexOf(delimiter) + 3);
    if (rest.includes(delimiter)) advance();
    else {
      advance();
      while (i < lines.length && !lines[i].includes(delimiter)) advance();
      if (i < lines.length) advance();
    }
    insertAt = offset;
  }
  // Imports (with parenthesised continuations), interleaved with blank lines and comments.
  while (i < lines.length) {
    const line = lines[i];
    if (/^(import|from)\s/.test(line)) {
      let open = (line.match(/\(/g)?.length ?? 0) - (line.match(/\)/g)?.length ?? 0);
      let continued = /\\\r?$/.test(line);
      advance();
      while (i < lines.length && (open > 0 || continued)) {
        open += (lines[i].match(/\(/g)?.length ?? 0) - (lines[i].match(/\)/g)?.length ?? 0);
        continued = /\\\r?$/.test(lines[i]);
        advance();
      }
      insertAt = offset;
    } else if (/^\s*(#.*)?\r?$/.test(line)) advance();
    else break;
  }
  return { offset: Math.min(insertAt, text.length), alreadyImported };
}

export function planPythonFix(request: FixRequest): FixPlan {
  const text = request.text;
  const eol = eolOf(text);
  const template = templateFor(request, 'python', {
    call: 'get_secret({{secretNameLiteral}}{{keyArg}})',
    import: 'from {{helperModule}} import get_secret',
    helperPath: 'secrets_workbench_helper.py',
  });
  const edits: TextEdit[] = request.targets.map((target) => {
    const span = literalSpan(text, target.finding, 'python');
    const quote = span.quote === "'" ? "'" : '"';
    return {
      start: span.start,
      end: span.end,
      newText: fillCall(template.call, request.secretName, target, quote, 'python'),
    };
  });
  const helperModule = template.helperPath.replace(/\.py$/, '').replace(/\//g, '.');
  const importLine = fillTemplate(template.import, { helperModule });
  const site = pythonImportSite(text, importLine);
  if (!site.alreadyImported) {
    const needsBreak = site.offset > 0 && text[site.offset - 1] !== '\n';
    edits.push({ start: site.offset, end: site.offset, newText: `${needsBreak ? eol : ''}${importLine}${eol}` });
  }
  const createFiles =
    !request.helperExists && template.helperPath ? [{ path: template.helperPath, content: pythonHelper }] : [];
  return {
    language: 'python',
    mode: 'fetch',
    dependency: 'pip install boto3',
    edits,
    createFiles,
    notes: [
      `The helper ${template.helperPath} must be importable: run from the project root (e.g. python -m …) or add it to PYTHONPATH.`,
    ],
    changesFile: true,
  };
}
