// Finds the secret names a piece of code references, so "Prepare for Offline" knows what to pull.
// Only literal names count: generated fetch calls, SDK calls with a SecretId literal, CloudFormation dynamic
// references and Terraform data sources. Pure text in, positions out; never reads a secret value.

export type ReferenceKind = 'helper-call' | 'sdk-call' | 'cloudformation' | 'terraform';

export interface SecretReference {
  /** The secret id exactly as written: a name, or an ARN. */
  secretId: string;
  kind: ReferenceKind;
  /** 0-based line and character of the secret id's first character. */
  line: number;
  character: number;
  /** The JSON key the code reads, where it names one. */
  jsonKey?: string;
  path?: string;
}

const quoted = String.raw`(?:'([^'\\\n]+)'|"([^"\\\n]+)"|\x60([^\x60$\\\n]+)\x60)`;

/** `getSecret('name')` / `getSecret("name", "key")` (TS/JS/Python helpers) and `get_secret(...)` in Python. */
const helperCall = new RegExp(String.raw`\b(?:getSecret|get_secret)\s*\(\s*${quoted}(?:\s*,\s*${quoted})?`, 'g');

/**
 * SDK calls naming the secret: JS `SecretId: 'x'`, Python `SecretId='x'`, Go `SecretId: aws.String("x")`,
 * C# `SecretId = "x"`, Java `.secretId("x")`.
 */
const sdkCall = new RegExp(String.raw`(?:\bSecretId\s*[:=]\s*(?:aws\.String\(\s*)?|\.secretId\(\s*)${quoted}`, 'g');

/** `{{resolve:secretsmanager:<name-or-arn>[:SecretString:<key>[:<stage>:<versionId>]]}}` */
const dynamicReference =
  /\{\{resolve:secretsmanager:((?:arn:[^:}\s]+:secretsmanager:[^:}\s]*:[^:}\s]*:secret:)?[^:}\s]+)(?::SecretString:([^:}\s]*))?[^}]*\}\}/g;

/** Terraform data (and ephemeral) sources whose block names a secret literally. */
const terraformBlock =
  /\b(?:data|ephemeral)\s+"(aws_secretsmanager_secret_version|aws_secretsmanager_secret)"\s+"[^"]*"\s*\{/g;
const terraformAttribute = /^\s*(secret_id|name|arn)\s*=\s*"([^"$]+)"/gm;

export function findReferences(text: string, path?: string): SecretReference[] {
  const lines = lineStarts(text);
  const found: SecretReference[] = [];
  const add = (secretId: string, offset: number, kind: ReferenceKind, jsonKey?: string) => {
    const { line, character } = position(lines, offset);
    found.push({ secretId, kind, line, character, ...(jsonKey ? { jsonKey } : {}), ...(path ? { path } : {}) });
  };

  for (const match of text.matchAll(helperCall)) {
    const name = match[1] ?? match[2] ?? match[3];
    const key = match[4] ?? match[5] ?? match[6];
    add(name, match.index + match[0].indexOf(name), 'helper-call', key);
  }
  for (const match of text.matchAll(sdkCall)) {
    const name = match[1] ?? match[2] ?? match[3];
    add(name, match.index + match[0].lastIndexOf(name), 'sdk-call');
  }
  for (const match of text.matchAll(dynamicReference)) {
    add(match[1], match.index + match[0].indexOf(match[1]), 'cloudformation', match[2] || undefined);
  }
  for (const block of text.matchAll(terraformBlock)) {
    const bodyStart = block.index + block[0].length;
    const body = text.slice(bodyStart, matchingBrace(text, bodyStart));
    const allowed = block[1] === 'aws_secretsmanager_secret_version' ? ['secret_id'] : ['name', 'arn'];
    for (const attribute of body.matchAll(terraformAttribute)) {
      if (!allowed.includes(attribute[1])) continue;
      add(attribute[2], bodyStart + attribute.index + attribute[0].lastIndexOf(attribute[2]), 'terraform');
    }
  }
  return found.sort((a, b) => a.line - b.line || a.character - b.character);
}

/** Distinct secret ids, in first-seen order. */
export function distinctSecretIds(references: readonly SecretReference[]): string[] {
  return [...new Set(references.map((r) => r.secretId))];
}

/** Index just past the brace that closes the block whose body starts at `from` (or the end of text). */
function matchingBrace(text: string, from: number): number {
  let depth = 1;
  let inString = false;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return i;
  }
  return text.length;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function position(starts: number[], offset: number): { line: number; character: number } {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid] <= offset) low = mid;
    else high = mid - 1;
  }
  return { line: low, character: offset - starts[low] };
}
