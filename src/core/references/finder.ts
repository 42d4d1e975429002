// The one reference finder: every format's finder over a text, positions resolved, duplicates (an ARN inside a
// dynamic reference, say) kept once with the most specific kind. Pure: text in, references out; linear in the
// text (each finder is one pass of a non-backtracking pattern or a hand-written scan, behind a cheap
// `includes` check), so huge files cost time in proportion to their size only.
import { findArnLiterals } from './arn';
import { findDynamicReferences } from './cloudformation';
import { findHelperCalls, findSdkCalls } from './code';
import { assignedVariable, findDotenvReferences, isDotenvPath } from './dotenv';
import { findEnvMapEntries, findEnvReads, isComposePath, isEnvMapPath } from './env-reads';
import { findExternalSecrets, findSecretProviderObjects } from './kubernetes';
import { findTerraformSources } from './terraform';
import { LineMap, lineStartOf } from './text';
import type { FindOptions, RawReference, SecretReference } from './types';

/**
 * Every secret reference in `text`. `path` ('/'-separated) picks the format-specific finders (.env, compose,
 * env maps) and is copied onto each reference; without it every finder runs.
 */
export function findReferences(text: string, path?: string, options: FindOptions = {}): SecretReference[] {
  const anyFormat = path === undefined;
  const dotenv = anyFormat || isDotenvPath(path);
  const raw: RawReference[] = [
    ...findHelperCalls(text),
    ...findSdkCalls(text),
    ...findDynamicReferences(text),
    ...findTerraformSources(text),
    ...(dotenv ? findDotenvReferences(text) : []),
    ...(anyFormat || /\.ya?ml$/i.test(path) ? findExternalSecrets(text, options.secretsManagerStores) : []),
    ...(anyFormat || /\.ya?ml$/i.test(path) ? findSecretProviderObjects(text) : []),
    ...(anyFormat || isEnvMapPath(path) ? findEnvMapEntries(text) : []),
    ...(options.envMap && Object.keys(options.envMap).length
      ? findEnvReads(text, options.envMap, !anyFormat && isComposePath(path))
      : []),
    ...findArnLiterals(text), // last: an ARN another finder placed keeps that finder's kind
  ];
  const byOffset = new Map<number, RawReference>();
  for (const reference of raw) if (!byOffset.has(reference.offset)) byOffset.set(reference.offset, reference);
  const lines = new LineMap(text);
  const found: SecretReference[] = [];
  for (const { offset, ...reference } of byOffset.values()) {
    const placed: SecretReference = { ...reference, ...lines.position(offset), ...(path ? { path } : {}) };
    if (dotenv && !placed.envVariable) {
      const start = lineStartOf(text, offset);
      const variable = assignedVariable(text.slice(start, offset));
      if (variable) placed.envVariable = variable;
    }
    found.push(placed);
  }
  return found.sort((a, b) => a.line - b.line || a.character - b.character);
}

/** Distinct secret ids, in first-seen order. */
export function distinctSecretIds(references: readonly SecretReference[]): string[] {
  return [...new Set(references.map((r) => r.secretId))];
}
