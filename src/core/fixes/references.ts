// Secret names referenced by fetch code the quick fix generates (and hand-written code of the same shape),
// so other features (offline preparation, find usages) can list what a workspace needs.

export interface SecretReference {
  name: string;
  key?: string;
  /** Offset of the name literal. */
  offset: number;
}

const PATTERNS: RegExp[] = [
  // getSecret('name'[, 'key']) in TS/JS/Python/Go, SecretsHelper.getSecret / GetSecret in Java/C#.
  /\b(?:getSecret|GetSecret|get_secret)\(\s*(["'`])([A-Za-z0-9/_+=.@-]{1,512})\1(?:\s*,\s*(["'`])([^"'`]*)\3)?/g,
  // CloudFormation dynamic references.
  /\{\{resolve:secretsmanager:([A-Za-z0-9/_+=.@-]{1,512})(?::SecretString:([^:}]*))?/g,
  // Terraform data sources and SDK calls naming the secret directly.
  /\b(?:secret_id|SecretId)\s*[:=]\s*(?:aws\.String\()?"([A-Za-z0-9/_+=.@-]{1,512})"/g,
];

export function findSecretReferences(text: string): SecretReference[] {
  const references: SecretReference[] = [];
  for (const pattern of PATTERNS) {
    for (const match of text.matchAll(pattern)) {
      if (match[0].startsWith('{{'))
        references.push({ name: match[1], key: match[2] || undefined, offset: match.index + 26 });
      else if (match.length === 2)
        references.push({ name: match[1], offset: match.index + match[0].indexOf(match[1]) });
      else
        references.push({
          name: match[2],
          key: match[4] || undefined,
          offset: match.index + match[0].indexOf(match[2]),
        });
    }
  }
  return references.sort((a, b) => a.offset - b.offset);
}
