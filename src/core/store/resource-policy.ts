// Resource policies of secrets, checked as Secrets Manager checks them before storing one: the shape IAM accepts
// (MalformedPolicyDocumentException) and, when asked, no broad access (PublicPolicyException). Pure functions:
// the engine stores the text, the editor reuses the findings as diagnostics.
import { ErrorCode, SecretsError } from './errors';

/** Secrets Manager's limit on ResourcePolicy. */
export const maxPolicyLength = 20_480;

export interface PolicyValidationError {
  checkName: string;
  errorMessage: string;
}

export interface PolicyValidation {
  policyValidationPassed: boolean;
  validationErrors: PolicyValidationError[];
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const list = (value: unknown): unknown[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);
const principalKeys = new Set(['AWS', 'Service', 'Federated', 'CanonicalUser']);
const actionShape = /^(?:\*|[A-Za-z0-9-]+:[A-Za-z0-9*?]+)$/;

export const malformedPolicy = (message: string) => new SecretsError(ErrorCode.malformedPolicy, message);
export const publicPolicy = () =>
  new SecretsError(
    'PublicPolicyException',
    'This resource policy grants public access to the secret (a wildcard principal without a restricting ' +
      'condition). Name the principals, or add a condition such as aws:PrincipalOrgID.',
  );

/** The problems that make IAM refuse the document; empty when it is well formed. */
export function policySyntaxErrors(text: string): string[] {
  if (text.length === 0 || text.length > maxPolicyLength) {
    return [`A resource policy is 1 to ${maxPolicyLength} characters long; this one has ${text.length}.`];
  }
  let policy: unknown;
  try {
    policy = JSON.parse(text);
  } catch {
    return ['The resource policy is not valid JSON.'];
  }
  if (!isObject(policy)) return ['The resource policy must be a JSON object.'];
  const errors: string[] = [];
  if (policy.Version !== undefined && policy.Version !== '2012-10-17' && policy.Version !== '2008-10-17') {
    errors.push('Version must be "2012-10-17" (or the older "2008-10-17").');
  }
  const statements = list(policy.Statement);
  if (!statements.length) errors.push('The policy has no Statement.');
  statements.forEach((statement, i) => {
    const at = `Statement ${i + 1}`;
    if (!isObject(statement)) return errors.push(`${at} must be an object.`);
    if (statement.Effect !== 'Allow' && statement.Effect !== 'Deny')
      errors.push(`${at}: Effect must be Allow or Deny.`);
    if ((statement.Action === undefined) === (statement.NotAction === undefined)) {
      errors.push(`${at} needs exactly one of Action and NotAction.`);
    }
    for (const action of list(statement.Action ?? statement.NotAction)) {
      if (typeof action !== 'string' || !actionShape.test(action)) {
        errors.push(`${at}: ${JSON.stringify(action)} is not an action (service:Action).`);
      }
    }
    if ((statement.Principal === undefined) === (statement.NotPrincipal === undefined)) {
      errors.push(`${at} needs exactly one of Principal and NotPrincipal (a resource policy names who it applies to).`);
    }
    const principal = statement.Principal ?? statement.NotPrincipal;
    if (principal !== undefined && principal !== '*') {
      if (!isObject(principal) || !Object.keys(principal).length) {
        errors.push(`${at}: Principal must be "*" or an object such as {"AWS": "<account or ARN>"}.`);
      } else {
        for (const key of Object.keys(principal)) {
          if (!principalKeys.has(key)) errors.push(`${at}: unknown principal type ${JSON.stringify(key)}.`);
        }
      }
    }
    if (statement.Condition !== undefined && !isObject(statement.Condition)) {
      errors.push(`${at}: Condition must be an object.`);
    }
  });
  return errors;
}

/** Parses a policy IAM would accept, or throws MalformedPolicyDocumentException naming every problem. */
export function parsePolicy(text: string): Json {
  const errors = policySyntaxErrors(text);
  if (errors.length) throw malformedPolicy(errors.join(' '));
  return JSON.parse(text) as Json;
}

/** Whether an Allow statement lets anyone in (a wildcard principal, or NotPrincipal) without any condition. */
export function grantsPublicAccess(policy: Json): boolean {
  return list(policy.Statement).some((statement) => {
    if (!isObject(statement) || statement.Effect !== 'Allow') return false;
    if (isObject(statement.Condition) && Object.keys(statement.Condition).length) return false;
    if (statement.NotPrincipal !== undefined) return true;
    const principal = statement.Principal;
    return principal === '*' || (isObject(principal) && list(principal.AWS).includes('*'));
  });
}

/** What ValidateResourcePolicy answers for a local store: the syntax and broad-access checks. */
export function validatePolicy(text: string): PolicyValidation {
  const syntax = policySyntaxErrors(text);
  const validationErrors: PolicyValidationError[] = syntax.map((errorMessage) => ({
    checkName: 'POLICY_SYNTAX',
    errorMessage,
  }));
  if (!syntax.length && grantsPublicAccess(JSON.parse(text) as Json)) {
    validationErrors.push({ checkName: 'BROAD_ACCESS', errorMessage: publicPolicy().message });
  }
  return { policyValidationPassed: validationErrors.length === 0, validationErrors };
}
