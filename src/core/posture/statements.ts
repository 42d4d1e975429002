// IAM statements read out of a value tree (JSON, YAML, HCL `jsonencode`) or out of Terraform's
// `aws_iam_policy_document` blocks, into one shape the rules read, each part with its source range.
import { attribute, type HclBlock } from './hcl';
import { listOf, member, stringOf, type Span, type ValueNode } from './tree';

export interface Principal extends Span {
  /** AWS, Service, Federated, CanonicalUser, or '*' for `Principal: "*"`. */
  type: string;
  /** The literal identifier; undefined when it is a reference or expression. */
  value?: string;
}

export interface Statement extends Span {
  effect: 'Allow' | 'Deny' | undefined;
  principals: Principal[];
  /** Where `NotPrincipal` is written, when it is. */
  notPrincipal?: Span;
  actions: { value: string; span: Span }[];
  notAction: boolean;
  /** The `Resource` items as written (literals and references). */
  resources: ValueNode[];
  /** Whether Resource is written as a list. */
  resourceList: boolean;
  /** Condition keys, lower case, each with whether its operator ends in IfExists. */
  conditions: { key: string; ifExists: boolean }[];
}

const literal = (node: ValueNode): { value: string; span: Span }[] =>
  node.kind === 'string' ? [{ value: node.value, span: { offset: node.offset, length: node.length } }] : [];

const effectOf = (value: string | undefined): Statement['effect'] =>
  value === 'Allow' || value === 'Deny' ? value : undefined;

/** Every `Statement` item under `node`, however deep (a template holds policies in many places). */
export function statementsIn(node: ValueNode | undefined, found: Statement[] = []): Statement[] {
  if (!node) return found;
  if (node.kind === 'object') {
    for (const entry of node.entries) {
      if (entry.key === 'Statement') {
        for (const item of listOf(entry.value)) if (item.kind === 'object') found.push(fromObject(item));
      } else statementsIn(entry.value, found);
    }
  } else if (node.kind === 'array') for (const item of node.items) statementsIn(item, found);
  else if (node.kind === 'expr') for (const arg of node.args ?? []) statementsIn(arg, found);
  return found;
}

function principalsOf(node: ValueNode | undefined): Principal[] {
  if (!node) return [];
  if (node.kind === 'string') return [{ type: node.value === '*' ? '*' : 'AWS', value: node.value, ...spanOf(node) }];
  if (node.kind !== 'object') return [{ type: 'AWS', ...spanOf(node) }];
  return node.entries.flatMap((entry) =>
    listOf(entry.value).map((item) => ({ type: entry.key, value: stringOf(item), ...spanOf(item) })),
  );
}

const spanOf = (node: Span): Span => ({ offset: node.offset, length: node.length });

function fromObject(node: Extract<ValueNode, { kind: 'object' }>): Statement {
  const condition = member(node, 'Condition');
  const conditions =
    condition?.kind === 'object'
      ? condition.entries.flatMap((operator) =>
          operator.value.kind === 'object'
            ? operator.value.entries.map((c) => ({
                key: c.key.toLowerCase(),
                ifExists: operator.key.endsWith('IfExists'),
              }))
            : [],
        )
      : [];
  const notPrincipal = member(node, 'NotPrincipal');
  const action = member(node, 'Action') ?? member(node, 'NotAction');
  return {
    ...spanOf(node),
    effect: effectOf(stringOf(member(node, 'Effect'))),
    principals: principalsOf(member(node, 'Principal')),
    ...(notPrincipal ? { notPrincipal: spanOf(notPrincipal) } : {}),
    actions: listOf(action).flatMap(literal),
    notAction: member(node, 'Action') === undefined && action !== undefined,
    resources: listOf(member(node, 'Resource')),
    resourceList: member(node, 'Resource')?.kind === 'array',
    conditions,
  };
}

/** The `statement` blocks of a `data "aws_iam_policy_document"` block. */
export function statementsOfPolicyDocument(block: HclBlock): Statement[] {
  return block.body.blocks
    .filter((b) => b.type === 'statement')
    .map((b) => {
      const principalsOfBlocks = (type: string): Principal[] =>
        b.body.blocks
          .filter((p) => p.type === type)
          .flatMap((p) => {
            const kind = stringOf(attribute(p.body, 'type')) ?? 'AWS';
            return listOf(attribute(p.body, 'identifiers')).map((item) => ({
              type: kind,
              value: stringOf(item),
              ...spanOf(item),
            }));
          });
      const notPrincipal = b.body.blocks.find((p) => p.type === 'not_principals');
      const actions = attribute(b.body, 'actions') ?? attribute(b.body, 'not_actions');
      return {
        ...spanOf(b.span),
        effect: effectOf(stringOf(attribute(b.body, 'effect')) ?? 'Allow'),
        principals: principalsOfBlocks('principals'),
        ...(notPrincipal ? { notPrincipal: spanOf(notPrincipal.span) } : {}),
        actions: listOf(actions).flatMap(literal),
        notAction: attribute(b.body, 'actions') === undefined && actions !== undefined,
        resources: listOf(attribute(b.body, 'resources')),
        resourceList: attribute(b.body, 'resources')?.kind === 'array',
        conditions: b.body.blocks
          .filter((c) => c.type === 'condition')
          .map((c) => ({
            key: (stringOf(attribute(c.body, 'variable')) ?? '').toLowerCase(),
            ifExists: (stringOf(attribute(c.body, 'test')) ?? '').endsWith('IfExists'),
          })),
      };
    });
}
