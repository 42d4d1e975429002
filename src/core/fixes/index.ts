// Pure "move to secret manager" fix generators: given a file and the finding(s) to move, the text edits
// that replace the literal(s) with a fetch of the secret, the helper files to create, and the secret's value.
import {
  planCloudFormationFix,
  planComposeFix,
  planDotenvFix,
  planTerraformFix,
  onlyMoved,
} from './generators/config-formats';
import { ENV_READ_LANGUAGES, planEnvReadFix } from './generators/env-read';
import { planJavaScriptFix } from './generators/javascript';
import { planNativeFix } from './generators/native';
import { planPythonFix } from './generators/python';
import { fixLanguageFor } from './language';
import { findingValue } from './literal';
import { jsonKeysFor } from './naming';
import type { FixFinding, FixLanguage, FixPlan, FixRequest, FixTarget } from './types';

export * from './types';
export { applyEdits } from './text';
export { fixLanguageFor, moduleFormatFor } from './language';
export { findingValue } from './literal';
export { relatedGroup } from './grouping';
export { suggestSecretName, jsonKeysFor } from './naming';
export { cloudFormationReference, terraformLabel } from './generators/config-formats';
export { SECRET_TTL_SECONDS } from './helpers';
export { suppressionEdit, type SuppressionScope } from './suppression';
export { loadProjectModuleInfo, topLevelAwaitAllowed, type ProjectModuleInfo, type ReadText } from './module-context';
export { ENV_READ_LANGUAGES } from './generators/env-read';

/** Same-range duplicates (two rules on one literal) collapse to one target. */
export function uniqueByRange(findings: readonly FixFinding[]): FixFinding[] {
  const seen = new Map<string, FixFinding>();
  for (const finding of findings) {
    const key = `${finding.range.start.offset}:${finding.range.end.offset}`;
    if (!seen.has(key)) seen.set(key, finding);
  }
  return [...seen.values()];
}

/** Targets for a group: one plain secret, or one JSON secret with a key per value. */
export function targetsFor(findings: readonly FixFinding[]): FixTarget[] {
  const unique = uniqueByRange(findings);
  if (unique.length === 1) return [{ finding: unique[0] }];
  const keys = jsonKeysFor(unique);
  return unique.map((finding) => ({ finding, jsonKey: keys.get(finding.id) }));
}

/** Targets for one secret per value (a `.env`): each value its own plain secret, named `names[i]`. */
export function separateTargets(findings: readonly FixFinding[], names: readonly string[]): FixTarget[] {
  return uniqueByRange(findings).map((finding, i) => ({ finding, secretName: names[i] }));
}

/** Each secret to store with its SecretString: the request's one secret, or one per value. */
export function secretsToStore(
  text: string,
  targets: readonly FixTarget[],
  secretName: string,
  language: FixLanguage,
): { name: string; secretString: string }[] {
  if (!targets.some((target) => target.secretName !== undefined))
    return [{ name: secretName, secretString: secretStringFor(text, targets, language) }];
  return targets.map((target) => ({
    name: target.secretName ?? secretName,
    secretString: secretStringFor(text, [{ finding: target.finding }], language),
  }));
}

/**
 * The SecretString to store: the decoded literal, or a JSON object of the grouped values.
 * Throws when two values share a key with different contents (cannot happen with `targetsFor`).
 */
export function secretStringFor(text: string, targets: readonly FixTarget[], language: FixLanguage): string {
  const hint = language === 'typescript' ? 'javascript' : language;
  if (targets.length === 1 && targets[0].jsonKey === undefined) return findingValue(text, targets[0].finding, hint);
  const object: Record<string, string> = {};
  for (const target of targets) object[target.jsonKey!] = findingValue(text, target.finding, hint);
  return JSON.stringify(object, null, 2);
}

export function planFix(request: FixRequest): FixPlan {
  const language = fixLanguageFor(request.path, request.languageId, request.text);
  // Only a .env's comment and env-map entries can name a secret per value; code reads one secret.
  if (language !== 'dotenv' && request.targets.some((target) => target.secretName !== undefined))
    throw new Error(`one secret per value is a .env fix, not one for ${language}`);
  if (request.mode === 'env' && ENV_READ_LANGUAGES.has(language)) return planEnvReadFix(request, language);
  switch (language) {
    case 'typescript':
    case 'javascript':
      return planJavaScriptFix(request);
    case 'python':
      return planPythonFix(request);
    case 'go':
    case 'java':
    case 'csharp':
      return planNativeFix(request, language);
    case 'cloudformation-yaml':
    case 'cloudformation-json':
      return planCloudFormationFix(request, language === 'cloudformation-json');
    case 'terraform':
      return planTerraformFix(request);
    case 'dotenv':
      return planDotenvFix(request);
    case 'docker-compose':
      return planComposeFix(request);
    case 'kubernetes':
      return onlyMoved(
        language,
        'Kubernetes manifests cannot call Secrets Manager: the value was moved; sync it into the cluster with the External Secrets Operator or the Secrets Store CSI driver, then remove it from the manifest.',
      );
    case 'unsupported':
      return onlyMoved(
        language,
        'No fetch code for this file type: the value was moved; replace the literal with a read of the secret yourself.',
      );
  }
}
