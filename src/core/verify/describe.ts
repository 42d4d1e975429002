// The words of the verification UX (the question and the answer), shared by the editor and tests.
import type { VerificationResult } from './types';

/** The question's wording: exactly which host, and that the credential goes there only. */
export function verificationQuestion(kind: string, host: string): string {
  return `Check whether this ${kind} is live? Secrets Workbench will send it to ${host} (its own provider) and nowhere else.`;
}

export function describeVerification(kind: string, result: VerificationResult): string {
  if (result.status === 'live') {
    const who = result.identity ? ` — it belongs to ${result.identity}` : '';
    const scopes = result.scopes?.length ? ` (scopes: ${result.scopes.join(', ')})` : '';
    return `Live: ${result.host} accepts this ${kind}${who}${scopes}. Revoke it and move a new value into a secret manager.`;
  }
  if (result.status === 'revoked') return `Revoked or invalid: ${result.host} rejects this ${kind} (${result.reason}).`;
  return `Unknown: could not tell whether this ${kind} is live (${result.reason}).`;
}
