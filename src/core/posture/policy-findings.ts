// The resource-policy rules of issue #23: who a secret's policy lets in. Pure; every finding points at the part
// of the document to change. Cross-account rules need to know the secret's own account (from the context, or
// from an ARN in the statement's Resource); without it they stay silent rather than guess.
import type { PostureFinding } from './finding';
import { policySyntaxErrors } from '../store/resource-policy';
import { statementsIn, type Principal, type Statement } from './statements';
import { fromJsonText } from './tree';

export interface PolicyContext {
  /** The account that owns the secret. */
  accountId?: string;
  /** The key that encrypts the secret: AWS-managed (aws/secretsmanager) keys cannot be shared across accounts. */
  kmsKey?: 'aws-managed' | 'customer-managed';
  /**
   * The document names its own account only symbolically (a template's `AWS::AccountId`, Terraform's
   * `aws_caller_identity`), so an account written as a literal is another account.
   */
  literalAccountsAreForeign?: boolean;
}

/** Condition keys that narrow who (or from where) a wildcard principal may call. */
const restrictingKeys = new Set([
  'aws:principalorgid',
  'aws:principalorgpaths',
  'aws:principalaccount',
  'aws:principalarn',
  'aws:sourceaccount',
  'aws:sourcearn',
  'aws:sourceowner',
  'aws:sourcevpc',
  'aws:sourcevpce',
  'aws:sourceip',
  'aws:userid',
  'aws:username',
]);
/** What issue #23 asks of a grant to another account. */
const crossAccountKeys = new Set(['aws:principalorgid', 'aws:principalorgpaths', 'aws:sourceaccount']);

const accountPattern = /^(?:(\d{12})|arn:aws[a-z-]*:(?:iam|sts)::(\d{12}):.*)$/;
const resourceAccount = /^arn:aws[a-z-]*:secretsmanager:[^:]*:(\d{12}):/;

/** The account of a Secrets Manager ARN; undefined for anything else. */
export const secretArnAccount = (value: string | undefined): string | undefined =>
  value === undefined ? undefined : resourceAccount.exec(value)?.[1];

export const accountOf = (principal: Principal): string | undefined => {
  if (principal.type !== 'AWS' || principal.value === undefined) return undefined;
  const match = accountPattern.exec(principal.value);
  return match ? (match[1] ?? match[2]) : undefined;
};

export const isWildcardPrincipal = (principal: Principal): boolean =>
  principal.type === '*' || (principal.type === 'AWS' && principal.value === '*');

const hasCondition = (statement: Statement, keys: Set<string>): boolean =>
  statement.conditions.some((c) => !c.ifExists && keys.has(c.key));

/** Findings for a resource policy written as JSON; [] when the text is not a JSON object. */
export function findPolicyFindings(text: string, context: PolicyContext = {}): PostureFinding[] {
  const root = fromJsonText(text);
  return root ? statementFindings(statementsIn(root), context) : [];
}

/**
 * What an editor shows for a policy document: first why IAM would refuse it (the same checks the stores run
 * before PutResourcePolicy), else the access findings.
 */
export function policyDocumentFindings(text: string, context: PolicyContext = {}): PostureFinding[] {
  const syntax = policySyntaxErrors(text);
  if (syntax.length) {
    const firstLine = text.indexOf('\n');
    return [
      {
        ruleId: 'policy-syntax',
        severity: 'error',
        message: `Secrets Manager would refuse this policy (MalformedPolicyDocumentException): ${syntax.join(' ')}`,
        offset: 0,
        length: firstLine < 0 ? text.length : firstLine,
      },
    ];
  }
  return findPolicyFindings(text, context);
}

export function statementFindings(statements: Statement[], context: PolicyContext = {}): PostureFinding[] {
  return statements.flatMap((statement) => (statement.effect === 'Allow' ? allowFindings(statement, context) : []));
}

function ownAccount(statement: Statement, context: PolicyContext): string | undefined {
  if (context.accountId) return context.accountId;
  for (const resource of statement.resources) {
    const account = resource.kind === 'string' ? secretArnAccount(resource.value) : undefined;
    if (account) return account;
  }
  return undefined;
}

function allowFindings(statement: Statement, context: PolicyContext): PostureFinding[] {
  const findings: PostureFinding[] = [];
  if (statement.notPrincipal) {
    findings.push({
      ruleId: 'policy-allow-not-principal',
      severity: 'warning',
      message:
        'Allow with NotPrincipal grants access to every principal not listed, including other accounts and ' +
        'anonymous callers. Use Principal with the principals that need access.',
      ...statement.notPrincipal,
    });
  }
  if (!hasCondition(statement, restrictingKeys)) {
    for (const principal of statement.principals.filter(isWildcardPrincipal)) {
      findings.push({
        ruleId: 'policy-public-principal',
        severity: 'error',
        message:
          'A wildcard principal without a restricting condition lets anyone with AWS credentials use this ' +
          'secret. Name the principals, or add a condition such as aws:PrincipalOrgID or aws:SourceAccount.',
        offset: principal.offset,
        length: principal.length,
      });
    }
  }
  const own = ownAccount(statement, context);
  if (!own && !context.literalAccountsAreForeign) return findings;
  const foreign = statement.principals.filter((p) => {
    const account = accountOf(p);
    return account !== undefined && account !== own;
  });
  if (!foreign.length) return findings;
  if (!hasCondition(statement, crossAccountKeys)) {
    for (const principal of foreign) {
      findings.push({
        ruleId: 'policy-cross-account-unrestricted',
        severity: 'warning',
        message:
          `This grants access to account ${accountOf(principal)}, another account, without an ` +
          'aws:PrincipalOrgID or aws:SourceAccount condition. Add one so only the intended callers get in.',
        offset: principal.offset,
        length: principal.length,
      });
    }
  }
  if (!statement.notAction) {
    for (const action of statement.actions) {
      if (action.value === '*' || action.value.toLowerCase() === 'secretsmanager:*') {
        findings.push({
          ruleId: 'policy-cross-account-all-actions',
          severity: 'warning',
          message:
            `${action.value} lets another account do anything to this secret, including change and delete ` +
            'it. Grant only the actions it needs, such as secretsmanager:GetSecretValue.',
          ...action.span,
        });
      }
    }
  }
  if (context.kmsKey === 'aws-managed') {
    for (const principal of foreign) {
      findings.push({
        ruleId: 'policy-cross-account-aws-managed-key',
        severity: 'error',
        message:
          'This secret is encrypted with the AWS-managed key (aws/secretsmanager), which cannot be shared, ' +
          'so another account cannot decrypt it. Encrypt the secret with a customer-managed KMS key and grant ' +
          'that account kms:Decrypt on it.',
        offset: principal.offset,
        length: principal.length,
      });
    }
  }
  return findings;
}
