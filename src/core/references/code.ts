// References in program code: the fetch calls the quick fix generates (getSecret / get_secret /
// SecretsHelper.GetSecret) and AWS SDK calls with a SecretId literal, with the version stage or id the same
// call names.
import { QUOTED, quotedValue } from './text';
import type { RawReference } from './types';

/** `getSecret('name'[, 'key'])` (TS/JS, Go, Java), `get_secret(...)` (Python), `GetSecret(...)` (C#). */
const HELPER_CALL = new RegExp(
  String.raw`\b(?:getSecret|GetSecret|get_secret)\s*\(\s*${QUOTED}(?:\s*,\s*${QUOTED})?`,
  'g',
);

/**
 * SDK calls naming the secret: JS `SecretId: 'x'`, Python `SecretId='x'`, Go `SecretId: aws.String("x")`,
 * C# `SecretId = "x"`, Java v2 `.secretId("x")`, Java v1 `.withSecretId("x")`.
 */
const SDK_CALL = new RegExp(
  String.raw`(?:\bSecretId\s*[:=]\s*(?:aws\.String\(\s*)?|\.(?:secretId|withSecretId)\(\s*)${QUOTED}`,
  'g',
);
const SDK_STAGE = new RegExp(
  String.raw`(?:VersionStage|versionStage)(?:\s*[:=]\s*(?:aws\.String\(\s*)?|\(\s*)${QUOTED}`,
);
const SDK_VERSION_ID = new RegExp(
  String.raw`(?:VersionId|versionId)(?:\s*[:=]\s*(?:aws\.String\(\s*)?|\(\s*)${QUOTED}`,
);
/** How far after the SecretId the same call's VersionStage/VersionId is looked for. */
const CALL_WINDOW = 400;

export function findHelperCalls(text: string): RawReference[] {
  if (!text.includes('etSecret') && !text.includes('get_secret')) return [];
  const found: RawReference[] = [];
  for (const match of text.matchAll(HELPER_CALL)) {
    const name = quotedValue(match, 1)!;
    const key = quotedValue(match, 4);
    const offset = match.index + match[0].indexOf(name, match[0].indexOf('(') + 2);
    found.push({ secretId: name, kind: 'helper-call', offset, length: name.length, ...(key ? { jsonKey: key } : {}) });
  }
  return found;
}

export function findSdkCalls(text: string): RawReference[] {
  if (!text.includes('ecretId')) return [];
  const found: RawReference[] = [];
  for (const match of text.matchAll(SDK_CALL)) {
    const name = quotedValue(match, 1)!;
    const end = match.index + match[0].length;
    const window = callRest(text, end);
    const stage = SDK_STAGE.exec(window);
    const versionId = SDK_VERSION_ID.exec(window);
    found.push({
      secretId: name,
      kind: 'sdk-call',
      offset: end - name.length - 1,
      length: name.length,
      ...(stage ? { versionStage: quotedValue(stage, 1) } : {}),
      ...(versionId ? { versionId: quotedValue(versionId, 1) } : {}),
    });
  }
  return found;
}

/** The text after a SecretId up to where its call or object ends (`;`, `}`, a blank line or the next SecretId). */
function callRest(text: string, from: number): string {
  let window = text.slice(from, from + CALL_WINDOW);
  for (const stop of [';', '}', '\n\n', 'ecretId']) {
    const at = window.indexOf(stop);
    if (at >= 0) window = window.slice(0, at);
  }
  return window;
}
