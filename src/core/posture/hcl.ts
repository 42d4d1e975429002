// Just enough of HCL (Terraform's syntax) to read IAM policies with their source ranges: blocks, attributes,
// strings, heredocs, lists, objects, function calls and references. Anything else (operators, `for`
// expressions, templates with interpolation) is kept as an `expr` holding its text. It never throws: an
// unreadable file yields what was read before the problem.
import type { Span, ValueNode } from './tree';

export interface HclAttribute {
  name: string;
  nameSpan: Span;
  value: ValueNode;
}

export interface HclBlock {
  type: string;
  labels: string[];
  /** From the block type to its closing brace. */
  span: Span;
  body: HclBody;
}

export interface HclBody {
  attributes: HclAttribute[];
  blocks: HclBlock[];
}

export const attribute = (body: HclBody, name: string): ValueNode | undefined =>
  body.attributes.find((a) => a.name === name)?.value;

const identStart = /[A-Za-z_]/;
const identChar = /[A-Za-z0-9_-]/;

class Parser {
  at = 0;
  constructor(readonly text: string) {}

  /** Skips blanks and comments; newlines too unless `sameLine`. */
  skip(sameLine = false): void {
    const t = this.text;
    for (;;) {
      const c = t[this.at];
      if (c === ' ' || c === '\t' || c === '\r' || (!sameLine && c === '\n')) this.at++;
      else if (c === '#' || (c === '/' && t[this.at + 1] === '/')) {
        const end = t.indexOf('\n', this.at);
        this.at = end < 0 ? t.length : end;
      } else if (c === '/' && t[this.at + 1] === '*') {
        const end = t.indexOf('*/', this.at + 2);
        this.at = end < 0 ? t.length : end + 2;
      } else return;
    }
  }

  ident(): string | undefined {
    if (!identStart.test(this.text[this.at] ?? '')) return undefined;
    const start = this.at;
    while (identChar.test(this.text[this.at] ?? '')) this.at++;
    return this.text.slice(start, this.at);
  }

  body(closing: boolean): HclBody {
    const body: HclBody = { attributes: [], blocks: [] };
    for (;;) {
      this.skip();
      if (this.at >= this.text.length) return body;
      if (this.text[this.at] === '}') {
        this.at++;
        // at top level a stray brace is stepped over
        if (closing) return body;
        continue;
      }
      const start = this.at;
      const name = this.ident();
      if (name === undefined) {
        this.at++;
        continue;
      }
      const nameSpan = { offset: start, length: name.length };
      this.skip(true);
      if (this.text[this.at] === '=' && this.text[this.at + 1] !== '=') {
        this.at++;
        body.attributes.push({ name, nameSpan, value: this.expression() });
        continue;
      }
      const labels: string[] = [];
      for (;;) {
        this.skip(true);
        const c = this.text[this.at];
        if (c === '"') {
          const label = this.quoted();
          labels.push(label.kind === 'string' ? label.value : label.text);
        } else if (c !== undefined && identStart.test(c)) labels.push(this.ident()!);
        else break;
      }
      if (this.text[this.at] !== '{') continue;
      this.at++;
      const blockBody = this.body(true);
      body.blocks.push({ type: name, labels, span: { offset: start, length: this.at - start }, body: blockBody });
    }
  }

  expression(): ValueNode {
    this.skip(true);
    const start = this.at;
    let node = this.primary();
    // references and calls may be followed by `.attr` or `[index]`; operators make it an opaque expression
    for (;;) {
      const c = this.text[this.at];
      if (c === '.' && identStart.test(this.text[this.at + 1] ?? '')) {
        this.at++;
        this.ident();
      } else if (c === '[' && node.kind === 'expr') {
        this.balanced('[', ']');
      } else break;
    }
    const save = this.at;
    this.skip(true);
    const next = this.text[this.at];
    if (next !== undefined && /[-+*/%<>=!&|?:]/.test(next)) {
      this.restOfExpression();
      return { kind: 'expr', text: this.text.slice(start, this.at), offset: start, length: this.at - start };
    }
    this.at = save;
    if (node.kind === 'expr' && this.at !== node.offset + node.length) {
      node = { ...node, text: this.text.slice(start, this.at), offset: start, length: this.at - start };
    }
    return node;
  }

  /** Consumes to the end of the line (or a closing bracket or comma) outside brackets. */
  restOfExpression(): void {
    let depth = 0;
    while (this.at < this.text.length) {
      const c = this.text[this.at];
      if (c === '"') {
        this.quoted();
        continue;
      }
      if (c === '(' || c === '[' || c === '{') depth++;
      else if (c === ')' || c === ']' || c === '}') {
        if (depth === 0) return;
        depth--;
      } else if ((c === '\n' || c === ',') && depth === 0) return;
      this.at++;
    }
  }

  balanced(open: string, close: string): void {
    let depth = 0;
    while (this.at < this.text.length) {
      const c = this.text[this.at];
      if (c === '"') {
        this.quoted();
        continue;
      }
      this.at++;
      if (c === open) depth++;
      else if (c === close && --depth === 0) return;
    }
  }

  primary(): ValueNode {
    const t = this.text;
    const start = this.at;
    const c = t[this.at];
    if (c === '"') return this.quoted();
    if (c === '<' && t[this.at + 1] === '<') return this.heredoc();
    if (c === '[') return this.list();
    if (c === '{') return this.object();
    if (c === '(') {
      this.balanced('(', ')');
      return { kind: 'expr', text: t.slice(start, this.at), offset: start, length: this.at - start };
    }
    const name = this.ident();
    if (name !== undefined) {
      this.skip(true);
      if (t[this.at] === '(') {
        this.at++;
        const args: ValueNode[] = [];
        for (;;) {
          this.skip();
          if (t[this.at] === ')' || this.at >= t.length) break;
          const before = this.at;
          args.push(this.expression());
          this.skip();
          if (t[this.at] === ',') this.at++;
          else if (t[this.at] === '.' && t[this.at + 1] === '.' && t[this.at + 2] === '.') this.at += 3;
          else if (this.at === before) this.at++;
        }
        this.at++;
        return {
          kind: 'expr',
          text: t.slice(start, this.at),
          call: name,
          args,
          offset: start,
          length: this.at - start,
        };
      }
      this.at = start + name.length;
      return { kind: 'expr', text: name, offset: start, length: name.length };
    }
    // a number or anything unexpected
    while (this.at < t.length && /[0-9A-Za-z_.+-]/.test(t[this.at]!)) this.at++;
    if (this.at === start) this.at++;
    return { kind: 'expr', text: t.slice(start, this.at), offset: start, length: this.at - start };
  }

  /** A quoted string; with `${`/`%{` or an escape it is an opaque template. */
  quoted(): Extract<ValueNode, { kind: 'string' | 'expr' }> {
    const t = this.text;
    const start = this.at++;
    let value = '';
    let literal = true;
    while (this.at < t.length && t[this.at] !== '"' && t[this.at] !== '\n') {
      const c = t[this.at]!;
      if (c === '\\') {
        literal = false;
        this.at += 2;
        continue;
      }
      if ((c === '$' || c === '%') && t[this.at + 1] === '{') {
        literal = false;
        this.at++;
        this.balanced('{', '}');
        continue;
      }
      value += c;
      this.at++;
    }
    this.at++;
    const span = { offset: start, length: this.at - start };
    return literal ? { kind: 'string', value, ...span } : { kind: 'expr', text: t.slice(start, this.at), ...span };
  }

  heredoc(): ValueNode {
    const t = this.text;
    const start = this.at;
    const match = /^<<(-?)([A-Za-z_][A-Za-z0-9_]*)[ \t]*\r?\n/.exec(t.slice(this.at, this.at + 200));
    if (!match) {
      this.at += 2;
      return { kind: 'expr', text: '<<', offset: start, length: 2 };
    }
    const contentStart = this.at + match[0].length;
    const closing = new RegExp(`^[ \\t]*${match[2]}[ \\t]*$`, 'm');
    const rest = t.slice(contentStart);
    const end = closing.exec(rest);
    const contentEnd = end ? contentStart + end.index : t.length;
    this.at = end ? contentEnd + end[0].length : t.length;
    return {
      kind: 'string',
      value: t.slice(contentStart, contentEnd),
      raw: true,
      offset: contentStart,
      length: contentEnd - contentStart,
    };
  }

  list(): ValueNode {
    const start = this.at++;
    const items: ValueNode[] = [];
    for (;;) {
      this.skip();
      if (this.at >= this.text.length) break;
      if (this.text[this.at] === ']') {
        this.at++;
        break;
      }
      const before = this.at;
      items.push(this.expression());
      this.skip();
      if (this.text[this.at] === ',') this.at++;
      else if (this.at === before) this.at++;
    }
    return { kind: 'array', items, offset: start, length: this.at - start };
  }

  object(): ValueNode {
    const start = this.at++;
    const entries: { key: string; keySpan: Span; value: ValueNode }[] = [];
    for (;;) {
      this.skip();
      if (this.at >= this.text.length) break;
      if (this.text[this.at] === '}') {
        this.at++;
        break;
      }
      const keyStart = this.at;
      const keyNode = this.text[this.at] === '"' ? this.quoted() : undefined;
      const key = keyNode ? (keyNode.kind === 'string' ? keyNode.value : keyNode.text) : this.ident();
      if (key === undefined) {
        this.at++;
        continue;
      }
      const keySpan = { offset: keyStart, length: this.at - keyStart };
      this.skip(true);
      if (this.text[this.at] === '=' || this.text[this.at] === ':') this.at++;
      entries.push({ key, keySpan, value: this.expression() });
      this.skip();
      if (this.text[this.at] === ',') this.at++;
    }
    return { kind: 'object', entries, offset: start, length: this.at - start };
  }
}

export function parseHcl(text: string): HclBody {
  return new Parser(text).body(false);
}
