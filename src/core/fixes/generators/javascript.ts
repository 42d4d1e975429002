// TS/JS: replace each literal with `await getSecret(...)` of the generated helper, only where `await` is valid:
// in an async function, or at the top level of an ES module that the project (package.json, tsconfig.json)
// compiles and runs as one. Where it is not, the declaration moves into its async consumers when that is
// certainly equivalent; otherwise the fetch is refused (`blocked`) and the env-variable fix is the one offered.
// Never a bare call whose result is a Promise where a string was. The import/require is added once per file.
import type { ParserPlugin } from '@babel/parser';
import { cjsHelper, esmHelper, typescriptHelper } from '../helpers';
import { extensionOf, moduleFormatFor } from '../language';
import { literalSpan } from '../literal';
import { topLevelAwaitAllowed } from '../module-context';
import { fillCall, relativeSpecifier, templateFor, topFolder } from '../shared';
import { eolOf, fillTemplate, lineStart } from '../text';
import type { FixPlan, FixRequest, ModuleFormat, TextEdit } from '../types';
import { FUNCTION_TYPES, NON_AWAIT_SCOPES, moveIntoAsyncConsumers, type AstNode } from './async-consumers';

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

export function javaScriptLanguage(request: FixRequest): 'typescript' | 'javascript' {
  const ext = extensionOf(request.path);
  return request.languageId?.startsWith('typescript') || ['ts', 'tsx', 'mts', 'cts'].includes(ext)
    ? 'typescript'
    : 'javascript';
}

export function planJavaScriptFix(request: FixRequest): FixPlan {
  const ext = extensionOf(request.path);
  const language = javaScriptLanguage(request);
  const typescript = language === 'typescript';
  const jsx =
    ext === 'tsx' || ext === 'jsx' || (!typescript && ext === 'js') || request.languageId?.endsWith('react') === true;
  const text = request.text;
  const eol = eolOf(text);
  const program = parseProgram(text, typescript, jsx) ?? parseProgram(text, typescript, false);
  const project = request.project ?? { packageType: request.packageType };
  const format = moduleFormatFor(request.path, language, text, project.packageType);
  const topLevelAwait = topLevelAwaitAllowed(request.path, language, text, project);
  // TS sources always use import syntax, whatever tsc emits.
  const importStyle: ModuleFormat = typescript ? 'esm' : format;
  const helperExt = typescript ? 'ts' : importStyle === 'esm' ? 'mjs' : 'cjs';
  const template = templateFor(request, language, {
    call: 'await getSecret({{secretNameLiteral}}{{keyArg}})',
    import:
      importStyle === 'esm'
        ? "import { getSecret } from '{{helperImport}}';"
        : "const { getSecret } = require('{{helperImport}}');",
    helperPath: `${topFolder(request.path)}secrets/get-secret.${helperExt}`,
  });

  const edits: TextEdit[] = [];
  let moved = 0;
  for (const target of request.targets) {
    const span = literalSpan(text, target.finding, 'javascript');
    const quote = span.quote === '"' ? '"' : "'";
    const call = fillCall(template.call, request.secretName, target, quote, 'javascript');
    const scope = program ? awaitScopeAt(program, span.start) : 'sync';
    if (scope === 'async' || (scope === 'top' && topLevelAwait)) {
      edits.push({ start: span.start, end: span.end, newText: call });
      continue;
    }
    const move = program && /^await\b/.test(call) ? moveIntoAsyncConsumers(text, program, span, call) : undefined;
    if (!move) return blockedPlan(language, scope, format, typescript);
    edits.push(...move.edits);
    moved += move.consumers;
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
  const notes = moved
    ? [
        `The value was read only by async functions: ${moved === 1 ? 'it is' : 'each of them'} now fetching it (cached for an hour).`,
      ]
    : [];
  return {
    language,
    mode: 'fetch',
    edits,
    createFiles,
    notes,
    titleNote: moved ? 'fetched where it is used' : undefined,
    dependency: 'npm i @aws-sdk/client-secrets-manager',
    changesFile: true,
  };
}

function blockedPlan(
  language: 'typescript' | 'javascript',
  scope: 'sync' | 'top' | 'async',
  format: ModuleFormat,
  typescript: boolean,
): FixPlan {
  const where =
    scope === 'sync'
      ? 'the value is read in a function that is not async'
      : typescript
        ? "the project compiles this file without top-level await (tsconfig's module/target, or CommonJS)"
        : format === 'cjs'
          ? 'CommonJS has no top-level await'
          : 'this module cannot use top-level await';
  return {
    language,
    mode: 'fetch',
    edits: [],
    createFiles: [],
    notes: [],
    blocked: `A fetch here would yield a Promise, not the value: ${where}, and the value is not read only by async functions.`,
    changesFile: false,
  };
}
