// One small value tree with source ranges for the three syntaxes a policy is written in (JSON, YAML and HCL), so
// the policy rules and the narrowing fix are written once. Anything that is not a literal (`!Ref X`, `{"Ref": X}`
// keeps its object shape, `aws_secretsmanager_secret.db.arn`, `${...}`) is an `expr` holding its source text.
import { parseTree, type Node as JsonNode } from 'jsonc-parser';
import { isAlias, isMap, isPair, isScalar, isSeq, parseAllDocuments, type Node as YamlNode } from 'yaml';

export interface Span {
  offset: number;
  length: number;
}

export interface Entry {
  key: string;
  keySpan: Span;
  value: ValueNode;
}

export type ValueNode =
  /** `raw`: a heredoc, whose text maps one to one onto the source from `offset`. */
  | ({ kind: 'string'; value: string; raw?: boolean } & Span)
  | ({ kind: 'array'; items: ValueNode[] } & Span)
  | ({ kind: 'object'; entries: Entry[] } & Span)
  /** `call`/`args`: an HCL function call such as `jsonencode({...})`. */
  | ({ kind: 'expr'; text: string; tag?: string; call?: string; args?: ValueNode[] } & Span);

export type Syntax = 'json' | 'yaml' | 'hcl';

export const member = (node: ValueNode | undefined, key: string): ValueNode | undefined =>
  node?.kind === 'object' ? node.entries.find((entry) => entry.key === key)?.value : undefined;

/** `[a, b]` → [a, b]; `a` → [a]; absent → []. */
export const listOf = (node: ValueNode | undefined): ValueNode[] =>
  node === undefined ? [] : node.kind === 'array' ? node.items : [node];

export const stringOf = (node: ValueNode | undefined): string | undefined =>
  node?.kind === 'string' ? node.value : undefined;

export function fromJsonText(text: string): ValueNode | undefined {
  const root = parseTree(text, [], { allowTrailingComma: true, disallowComments: false });
  return root ? fromJson(root, text) : undefined;
}

export function fromJson(node: JsonNode, text: string, shift = 0): ValueNode {
  const span = { offset: node.offset + shift, length: node.length };
  switch (node.type) {
    case 'string':
      return { kind: 'string', value: String(node.value), ...span };
    case 'array':
      return { kind: 'array', items: (node.children ?? []).map((child) => fromJson(child, text, shift)), ...span };
    case 'object':
      return {
        kind: 'object',
        entries: (node.children ?? []).flatMap((property) => {
          const [key, value] = property.children ?? [];
          if (!key || !value) return [];
          return [
            {
              key: String(key.value),
              keySpan: { offset: key.offset + shift, length: key.length },
              value: fromJson(value, text, shift),
            },
          ];
        }),
        ...span,
      };
    case 'boolean':
    case 'null':
    case 'number':
    case 'property':
      return { kind: 'expr', text: text.slice(node.offset, node.offset + node.length), ...span };
  }
}

/** Every YAML document of the text (CloudFormation's short-form tags such as `!Ref` are kept as `expr`). */
export function fromYamlText(text: string): ValueNode[] {
  let documents;
  try {
    documents = parseAllDocuments(text, { logLevel: 'silent' });
  } catch {
    return [];
  }
  if (!Array.isArray(documents)) return [];
  return documents.flatMap((document) =>
    document.errors.length || !document.contents ? [] : [fromYaml(document.contents as YamlNode, text)],
  );
}

function fromYaml(node: YamlNode, text: string): ValueNode {
  const [start, valueEnd] = node.range ?? [0, 0];
  const span = { offset: start, length: valueEnd - start };
  const tag = node.tag && node.tag.startsWith('!') && !node.tag.startsWith('!!') ? node.tag : undefined;
  if (tag || isAlias(node)) {
    // the tag is written before the node's range
    const tagStart = tag ? text.lastIndexOf(tag, start) : start;
    const from = tagStart >= 0 ? tagStart : start;
    return { kind: 'expr', text: text.slice(from, valueEnd), tag, offset: from, length: valueEnd - from };
  }
  if (isScalar(node)) {
    return typeof node.value === 'string'
      ? { kind: 'string', value: node.value, ...span }
      : { kind: 'expr', text: text.slice(start, valueEnd), ...span };
  }
  if (isSeq(node)) return { kind: 'array', items: node.items.map((item) => fromYaml(item as YamlNode, text)), ...span };
  if (isMap(node)) {
    return {
      kind: 'object',
      entries: node.items.flatMap((pair) => {
        if (!isPair(pair) || !isScalar(pair.key) || !pair.value) return [];
        const keyRange = pair.key.range ?? [0, 0];
        return [
          {
            key: String(pair.key.value),
            keySpan: { offset: keyRange[0], length: keyRange[1] - keyRange[0] },
            value: fromYaml(pair.value as YamlNode, text),
          },
        ];
      }),
      ...span,
    };
  }
  return { kind: 'expr', text: text.slice(start, valueEnd), ...span };
}
