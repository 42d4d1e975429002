// The store's own ValidateResourcePolicy findings beside the local ones (#23). Against AWS these are AWS's checks
// (broad access by Zelkova, syntax, lock-out); the local stores run the same checks as policy-findings.ts. The
// answer names no place in the document, so each finding sits on the first line, and one the local rules
// already report (with an exact range) is left out.
import type { PostureFinding, PostureRule } from './finding';
import { isSecretsError, ErrorCode } from '../store/errors';
import type { PolicyValidationError } from '../store/resource-policy';
import type { SecretStore } from '../store/types';

/** Local rules that report what a store check finds, where the check's own words differ from theirs. */
const coveredBy: Record<string, readonly PostureRule[]> = {
  BROAD_ACCESS: ['policy-public-principal', 'policy-allow-not-principal'],
};

/** Asks the store; a malformed document (refused outright rather than listed) becomes one validation error. */
export async function validateWithStore(
  store: SecretStore,
  input: { secretId: string; text: string; signal?: AbortSignal },
): Promise<PolicyValidationError[]> {
  try {
    const { validationErrors } = await store.validateResourcePolicy({
      secretId: input.secretId,
      resourcePolicy: input.text,
      signal: input.signal,
    });
    return validationErrors;
  } catch (error) {
    if (!isSecretsError(error, ErrorCode.malformedPolicy)) throw error;
    return [{ checkName: ErrorCode.malformedPolicy, errorMessage: error.message }];
  }
}

/** The store's findings that the local ones do not already say, once each. */
export function storeValidationFindings(
  errors: PolicyValidationError[],
  text: string,
  local: PostureFinding[],
): PostureFinding[] {
  const firstLine = text.indexOf('\n');
  const seen = new Set<string>();
  return errors.flatMap(({ checkName, errorMessage }) => {
    const key = `${checkName}\n${errorMessage}`;
    const covered =
      local.some((f) => coveredBy[checkName]?.includes(f.ruleId)) ||
      (errorMessage !== '' && local.some((f) => f.message.includes(errorMessage)));
    if (covered || seen.has(key)) return [];
    seen.add(key);
    return [
      {
        ruleId: 'policy-store-validation' as const,
        severity: 'error' as const,
        message: `ValidateResourcePolicy ${checkName || 'check'}: ${errorMessage || 'the policy did not pass.'}`,
        offset: 0,
        length: firstLine < 0 ? text.length : firstLine,
      },
    ];
  });
}
