// What to do about a credential found in git history (#22). It is exposed to everyone who has, or had, a clone:
// the only remedy is to make it worthless — rotate it (when it is a managed secret) or revoke it at its issuer.
// Rewriting history alone does not help: forks, clones, caches and CI logs keep the old commits.
import { revokePage, type RevokePage } from '../detection/revoke';
import type { ManagedSecretRef } from './managed-secrets';

export interface ExposedRemedy {
  /** One paragraph for a notification or tooltip; never the value. */
  message: string;
  /** 'rotate': the value is the current value of a managed secret; 'revoke': the issuer's page; else by hand. */
  action: 'rotate' | 'revoke' | 'change';
  managed?: ManagedSecretRef;
  revoke?: RevokePage;
}

export const HISTORY_IS_NOT_ENOUGH =
  'Rewriting history alone is not enough: clones, forks, caches and CI logs keep the old commits.';

export function exposedRemedy(finding: { kind: string; ruleId: string }, managed?: ManagedSecretRef): ExposedRemedy {
  const exposed = `This ${finding.kind} is in the git history, so it is exposed to everyone who has a clone.`;
  if (managed) {
    const where = `"${managed.secretName}"${managed.jsonKey ? ` (key "${managed.jsonKey}")` : ''} in ${managed.connectionLabel}`;
    return {
      message: `${exposed} It is the current value of ${where}: rotate it, then update what uses it. ${HISTORY_IS_NOT_ENOUGH}`,
      action: 'rotate',
      managed,
    };
  }
  const revoke = revokePage(finding.ruleId);
  if (revoke) {
    return {
      message: `${exposed} Revoke it at ${revoke.provider} and issue a new one (${revoke.url}). ${HISTORY_IS_NOT_ENOUGH}`,
      action: 'revoke',
      revoke,
    };
  }
  return {
    message: `${exposed} Change it wherever it is accepted (the service, database or key owner), then keep the new value in a secret manager. ${HISTORY_IS_NOT_ENOUGH}`,
    action: 'change',
  };
}
