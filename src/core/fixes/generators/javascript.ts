// TS/JS: replace each literal with a `getSecret(...)` call of the generated helper, `await`ed where the
// language allows it (async function, or the top level of a real ES module). Elsewhere the call yields a
// Promise, which the action title says. The import/require is added once per file.
import type { ParserPlugin } from '@babel/parser';
import { cjsHelper, esmHelper, typescriptHelper } from '../helpers';
import { extensionOf, moduleFormatFor } from '../language';
import { literalSpan } from '../literal';
import { fillCall, relativeSpecifier, templateFor, topFolder } from '../shared';
import { eolOf, fillTemplate, lineStart } from '../text';
import type { FixPlan, FixRequest, ModuleFormat, TextEdit } from '../types';

interface AstNode {
  type: string;
  start: number;
  end: number;
  async?: boolean;
  [key: string]: unknown;
}

const FUNCTION_TYPES = new Set([
  'FunctionDeclaration',
  'FunctionExpression',
  'ArrowFunctionExpression',
  'ObjectMethod',
  'ClassMethod',
  'ClassPrivateMethod',
]);
// Their initialisers run in a scope of their own where `await` is not allowed.
const NON_AWAIT_SCOPES = new Set(['ClassProperty', 'ClassPrivateProperty', 'ClassAccessorProperty', 'StaticBlock']);

function parseProgram(text: string, typescript: boolean, jsx: boolean): AstNode | undefined {
  const plugins: ParserPlugin[] = [];
  if (typescript) plugins.push('typescript');
  if (jsx) plugins.push('jsx');
  try {
    // Loaded on first use: the parser is large and only the TS/JS quick fix needs it.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { parse } = require('@babel/parser') as typeof import('@babel/parser');
    const file = parse(text, {
      sourceType: 'unambiguous',
      errorRecovery: true,
      allowAwaitOutsideFunction: true,
      allowReturnOutsideFunction: true,
      plugins,
    });
    return file.program as unknown as AstNode;
  } catch {
    return undefined;
  }
}

/** Innermost function-like scope around `offset`: 'async', 'sync', or 'top' for module level. */
export function awaitScopeAt(program: AstNode, offset: number): 'async' | 'sync' | 'top' {
  let scope: 'async' | 'sync' | 'top' = 'top';
  let node: AstNode | undefined = program;
  while (node) {
    let next: AstNode | undefined;
    for (const [key, value] of Object.entries(node)) {
      if (key === 'loc' || key === 'leadingComments' || key === 'trailingComments' || key === 'innerComments') continue;
      for (const child of Array.isArray(value) ? value : [value]) {
        if (child && typeof child === 'object' && typeof (child as AstNode).type === 'string') {
          const candidate = child as AstNode;
          if (candidate.start <= offset && offset < candidate.end) next = candidate;
        }
      }
      if (next) break;
    }
    if (!next) break;
    if (FUNCTION_TYPES.has(next.type)) scope = next.async ? 'async' : 'sync';
    else if (NON_AWAIT_SCOPES.has(next.type) && next !== program) scope = 'sync';
    node = next;
  }
  return scope;
}

interface ImportSite {
  offset: number;
  alreadyImported: boolean;
}

function importSite(text: string, program: AstNode | undefined, specifier: string, format: ModuleFormat): ImportSite {
  const body = (program?.body as AstNode[] | undefined) ?? [];
  const directives = (program?.directives as AstNode[] | undefined) ?? [];
  const isRequire = (node: AstNode) =>
    node.type === 'VariableDeclaration' &&
    /^\s*(const|let|var)\s[^=]*=\s*require\(/.test(text.slice(node.start, node.end));
  let alreadyImported = false;
  let after: AstNode | undefined = directives.at(-1);
  for (const node of body) {
    const source = text.slice(node.start, node.end);
    if (source.includes(specifier) && /\bgetSecret\b/.test(source)) alreadyImported = true;
    if (node.type === 'ImportDeclaration' || (format === 'cjs' && isRequire(node))) after = node;
    else if (node.type !== 'ImportDeclaration') break;
  }
  if (after) {
    const end = text.indexOf('\n', after.end);
    return { offset: end < 0 ? text.length : end + 1, alreadyImported };
  }
  const first = body[0];
  if (!first) return { offset: text.startsWith('#!') ? text.indexOf('\n') + 1 : 0, alreadyImported };
  // Keep a file header (licence comment, shebang) above the import: insert at the first statement's own line.
  return { offset: lineStart(text, first.start), alreadyImported };
}

export function planJavaScriptFix(request: FixRequest): FixPlan {
  const ext = extensionOf(request.path);
  const typescript = request.languageId?.startsWith('typescript') || ['ts', 'tsx', 'mts', 'cts'].includes(ext);
  const language = typescript ? 'typescript' : 'javascript';
  const jsx =
    ext === 'tsx' || ext === 'jsx' || (!typescript && ext === 'js') || request.languageId?.endsWith('react') === true;
  const text = request.text;
  const eol = eolOf(text);
  const program = parseProgram(text, typescript, jsx) ?? parseProgram(text, typescript, false);
  const format = moduleFormatFor(request.path, language, text, request.packageType);
  // TS sources always use import syntax, whatever tsc emits.
  const importStyle: ModuleFormat = typescript ? 'esm' : format;
  const helperExt = typescript ? 'ts' : importStyle === 'esm' ? 'mjs' : 'cjs';
  const template = templateFor(request, language, {
    call: 'await getSecret({{secretNameLiteral}}{{keyArg}})',
    callWithoutAwait: 'getSecret({{secretNameLiteral}}{{keyArg}})',
    import:
      importStyle === 'esm'
        ? "import { getSecret } from '{{helperImport}}';"
        : "const { getSecret } = require('{{helperImport}}');",
    helperPath: `${topFolder(request.path)}secrets/get-secret.${helperExt}`,
  });

  const edits: TextEdit[] = [];
  let promiseCalls = 0;
  for (const target of request.targets) {
    const span = literalSpan(text, target.finding, 'javascript');
    const quote = span.quote === '"' ? '"' : "'";
    const scope = program ? awaitScopeAt(program, span.start) : 'sync';
    const canAwait = scope === 'async' || (scope === 'top' && format === 'esm');
    if (!canAwait) promiseCalls++;
    const call = fillCall(canAwait ? template.call : template.callWithoutAwait, request.secretName, target, quote);
    edits.push({ start: span.start, end: span.end, newText: call });
  }

  const createFiles = [];
  if (template.helperPath) {
    let specifier = relativeSpecifier(request.path, template.helperPath);
    if (typescript)
      specifier = specifier.replace(/\.(m|c)?tsx?$/, (_m, kind: string | undefined) => `.${kind ?? ''}js`);
    const site = importSite(text, program, specifier, importStyle);
    if (!site.alreadyImported)
      edits.push({
        start: site.offset,
        end: site.offset,
        newText: fillTemplate(template.import, { helperImport: specifier }) + eol,
      });
    if (!request.helperExists) {
      createFiles.push({
        path: template.helperPath,
        content: typescript ? typescriptHelper : importStyle === 'esm' ? esmHelper : cjsHelper,
      });
    }
  }
  const notes: string[] = [];
  let titleNote: string | undefined;
  if (promiseCalls) {
    titleNote = 'returns a Promise here (no await possible): await it where the value is used';
    notes.push(
      format === 'cjs'
        ? 'CommonJS has no top-level await, so the replaced value is a Promise<string>; await it where it is used.'
        : 'The literal is inside a function that is not async, so the replaced value is a Promise<string>; await it where it is used.',
    );
  }
  return { language, edits, createFiles, notes, titleNote, changesFile: true };
}
