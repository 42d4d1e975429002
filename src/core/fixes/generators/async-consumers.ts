// Where `await` is impossible at the literal (CommonJS top level, a sync function), the fetch can still be
// right: when the literal initialises a module-level variable that only async functions read, the
// declaration moves into each of those functions as `const name = await getSecret(…)`. Anything less certain
// (exported, reassigned, shadowed, read at load time, in a parameter default, in a type) is refused, and the
// caller offers the environment-variable fix instead.
import { eolOf, indentationAt, lineEnd, lineStart, nextLineStart } from '../text';
import type { TextEdit } from '../types';

export interface AstNode {
  type: string;
  start: number;
  end: number;
  async?: boolean;
  [key: string]: unknown;
}

export const FUNCTION_TYPES = new Set([
  'FunctionDeclaration',
  'FunctionExpression',
  'ArrowFunctionExpression',
  'ObjectMethod',
  'ClassMethod',
  'ClassPrivateMethod',
]);
// Their initialisers run in a scope of their own where `await` is not allowed.
export const NON_AWAIT_SCOPES = new Set([
  'ClassProperty',
  'ClassPrivateProperty',
  'ClassAccessorProperty',
  'StaticBlock',
]);
const SKIPPED_KEYS = new Set(['loc', 'leadingComments', 'trailingComments', 'innerComments', 'extra']);

function children(node: AstNode): AstNode[] {
  const out: AstNode[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (SKIPPED_KEYS.has(key)) continue;
    for (const child of Array.isArray(value) ? value : [value]) {
      if (child && typeof child === 'object' && typeof (child as AstNode).type === 'string') out.push(child as AstNode);
    }
  }
  return out;
}

/** Calls `visit` with each node and its ancestors (outermost first). */
export function walk(node: AstNode, visit: (node: AstNode, ancestors: readonly AstNode[]) => void): void {
  const ancestors: AstNode[] = [];
  const step = (current: AstNode) => {
    visit(current, ancestors);
    ancestors.push(current);
    for (const child of children(current)) step(child);
    ancestors.pop();
  };
  step(node);
}

/** The chain of nodes from the program down to the innermost node containing [start, end). */
export function pathTo(program: AstNode, start: number, end: number): AstNode[] {
  const path = [program];
  for (;;) {
    const next = children(path.at(-1)!).find((child) => child.start <= start && end <= child.end);
    if (!next) return path;
    path.push(next);
  }
}

// Parents under which an identifier is a plain read of the variable.
const READ_PARENTS = new Set([
  'CallExpression',
  'NewExpression',
  'OptionalCallExpression',
  'TemplateLiteral',
  'BinaryExpression',
  'LogicalExpression',
  'ConditionalExpression',
  'UnaryExpression',
  'ReturnStatement',
  'ArrayExpression',
  'SpreadElement',
  'ExpressionStatement',
  'SequenceExpression',
  'AwaitExpression',
  'IfStatement',
  'SwitchStatement',
  'SwitchCase',
  'WhileStatement',
  'DoWhileStatement',
  'ThrowStatement',
  'TSAsExpression',
  'TSSatisfiesExpression',
  'TSNonNullExpression',
  'ParenthesizedExpression',
  'JSXExpressionContainer',
  'TaggedTemplateExpression',
]);
const NAME_ONLY_PARENTS = new Set(['LabeledStatement', 'BreakStatement', 'ContinueStatement', 'MetaProperty']);
const KEYED_MEMBERS = new Set([
  'ObjectMethod',
  'ClassMethod',
  'ClassPrivateMethod',
  'ClassProperty',
  'ClassAccessorProperty',
  'TSPropertySignature',
  'TSMethodSignature',
]);

/**
 * An identifier occurrence: a read of the variable, another thing's name (a property key), or anything else
 * (declaration, parameter, assignment target, pattern, export), which makes the move unsafe.
 */
export function classifyOccurrence(node: AstNode, ancestors: readonly AstNode[]): 'read' | 'name' | 'unsafe' {
  const parent = ancestors.at(-1);
  if (!parent) return 'unsafe';
  const is = (key: string) => parent[key] === node;
  if (NAME_ONLY_PARENTS.has(parent.type)) return 'name';
  if (READ_PARENTS.has(parent.type)) return 'read';
  switch (parent.type) {
    case 'MemberExpression':
    case 'OptionalMemberExpression':
      return is('property') && !parent.computed ? 'name' : 'read';
    case 'ObjectProperty':
      // Inside a destructuring pattern the property binds a new name.
      if (ancestors.at(-2)?.type === 'ObjectPattern') return 'unsafe';
      if (parent.shorthand) return 'read';
      return is('key') && !parent.computed ? 'name' : 'read';
    case 'VariableDeclarator':
      return is('init') ? 'read' : 'unsafe';
    case 'AssignmentExpression':
    case 'AssignmentPattern':
    case 'ForOfStatement':
    case 'ForInStatement':
      return is('right') ? 'read' : 'unsafe';
    default:
      if (KEYED_MEMBERS.has(parent.type)) return is('key') && !parent.computed ? 'name' : 'unsafe';
      return 'unsafe';
  }
}

export interface ConsumerMove {
  edits: TextEdit[];
  variable: string;
  /** How many async functions now fetch the secret. */
  consumers: number;
}

/**
 * Edits moving `const name = <literal>` into its async consumers, each getting `const name = <awaitCall>`, or
 * undefined when that would not be certainly equivalent.
 */
export function moveIntoAsyncConsumers(
  text: string,
  program: AstNode,
  literal: { start: number; end: number },
  awaitCall: string,
): ConsumerMove | undefined {
  const path = pathTo(program, literal.start, literal.end);
  const [, declaration, declarator, init] = path;
  if (
    declaration?.type !== 'VariableDeclaration' ||
    declarator?.type !== 'VariableDeclarator' ||
    (declaration.declarations as AstNode[]).length !== 1 ||
    declarator.init !== init ||
    !init ||
    init.start !== literal.start ||
    (init.type !== 'StringLiteral' && init.type !== 'TemplateLiteral')
  )
    return undefined;
  const id = declarator.id as AstNode;
  if (id.type !== 'Identifier') return undefined;
  const name = id.name as string;

  const consumers = new Map<AstNode, AstNode>();
  let safe = true;
  walk(program, (node, ancestors) => {
    if (!safe || node === id || node.type !== 'Identifier' || node.name !== name) return;
    const use = classifyOccurrence(node, ancestors);
    if (use === 'name') return;
    if (use === 'unsafe') {
      safe = false;
      return;
    }
    if (ancestors.some((a) => a.type.startsWith('TS') && !a.type.endsWith('Expression'))) safe = false;
    const fn = [...ancestors].reverse().find((a) => FUNCTION_TYPES.has(a.type) || NON_AWAIT_SCOPES.has(a.type));
    const body = fn?.body as AstNode | undefined;
    if (!fn || !fn.async || body?.type !== 'BlockStatement' || node.start < body.start) safe = false;
    else consumers.set(fn, body);
  });
  if (!safe || consumers.size === 0) return undefined;

  const eol = eolOf(text);
  const edits: TextEdit[] = [removeStatement(text, declaration)];
  for (const body of consumers.values()) {
    const statement = `const ${name} = ${awaitCall};`;
    const first = (body.body as AstNode[])[0] ?? (body.directives as AstNode[] | undefined)?.[0];
    const directives = (body.directives as AstNode[] | undefined) ?? [];
    const afterDirectives = directives.at(-1);
    if (afterDirectives) {
      const at = nextLineStart(text, afterDirectives.end);
      edits.push({ start: at, end: at, newText: `${indentationAt(text, afterDirectives.start)}${statement}${eol}` });
    } else if (first && lineStart(text, first.start) > body.start) {
      const at = lineStart(text, first.start);
      edits.push({ start: at, end: at, newText: `${indentationAt(text, first.start)}${statement}${eol}` });
    } else {
      edits.push({ start: body.start + 1, end: body.start + 1, newText: ` ${statement}` });
    }
  }
  return { edits, variable: name, consumers: consumers.size };
}

/** The declaration's whole lines when it has them to itself (and one blank line it leaves doubled), else its text. */
function removeStatement(text: string, statement: AstNode): TextEdit {
  const start = lineStart(text, statement.start);
  const end = lineEnd(text, statement.end);
  const alone = !text.slice(start, statement.start).trim() && !text.slice(statement.end, end).trim();
  if (!alone) return { start: statement.start, end: statement.end, newText: '' };
  let after = nextLineStart(text, statement.end);
  const blankBefore = start === 0 || !text.slice(lineStart(text, start - 1), start).trim();
  const blankAfter = after < text.length && !text.slice(after, lineEnd(text, after)).trim();
  if (blankBefore && blankAfter) after = nextLineStart(text, after);
  return { start, end: after, newText: '' };
}
