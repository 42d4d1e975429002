// Where completion applies: is the cursor inside the secret-name argument of a fetch call (the helper calls the
// quick fix writes, an SDK SecretId literal, a CloudFormation dynamic reference), or inside the JSON-key
// argument that follows a literal name? Pure text in, offsets out.

export type CompletionContext =
  | { kind: 'name'; prefix: string; start: number; end: number }
  | { kind: 'jsonKey'; secretId: string; prefix: string; start: number; end: number };

/** Languages whose fetch calls are code (helper and SDK calls); everywhere else only `{{resolve:…}}` counts. */
export const CODE_LANGUAGES: ReadonlySet<string> = new Set([
  'typescript', 'typescriptreact', 'javascript', 'javascriptreact', 'python', 'go', 'java', 'csharp',
]); // prettier-ignore

/** How far back a call may start: calls split over a few lines still count, a whole file is never scanned. */
const LOOKBEHIND = 400;

const nameChar = /[A-Za-z0-9/_+=.@-]/;
const keyChar = /[^'"`\\\n$]/;
const cfnKeyChar = /[^:}\s'"]/;

const helper = String.raw`\b(?:getSecret|get_secret|GetSecret)\s*\(\s*`;
const literalName = String.raw`(?:'([A-Za-z0-9/_+=.@:-]+)'|"([A-Za-z0-9/_+=.@:-]+)"|\x60([A-Za-z0-9/_+=.@:-]+)\x60)`;

/** `getSecret('app/d|` (also `get_secret`, `SecretsHelper.getSecret`, `SecretsHelper.GetSecret`). */
const helperName = new RegExp(String.raw`${helper}['"\x60]([A-Za-z0-9/_+=.@-]*)$`);
/** `getSecret('app/db', 'pa|` */
const helperKey = new RegExp(String.raw`${helper}${literalName}\s*,\s*['"\x60]([^'"\x60\\\n$]*)$`);
/** JS `SecretId: '…`, Python `SecretId='…`, Go `SecretId: aws.String("…`, C# `SecretId = "…`, Java `.secretId("…`. */
const sdkName = /(?:\bSecretId\s*[:=]\s*(?:aws\.String\(\s*)?|\.secretId\(\s*)['"`]([A-Za-z0-9/_+=.@-]*)$/;
const cfnName = /\{\{resolve:secretsmanager:([A-Za-z0-9/_+=.@-]*)$/;
const cfnKey =
  /\{\{resolve:secretsmanager:((?:arn:[^:}\s]+:secretsmanager:[^:}\s]*:[^:}\s]*:secret:)?[^:}\s]+):SecretString:([^:}\s'"]*)$/;

/** The completion context at `offset`, or undefined when the cursor is not in a name or key argument. */
export function completionContextAt(text: string, offset: number, languageId?: string): CompletionContext | undefined {
  const before = text.slice(Math.max(0, offset - LOOKBEHIND), offset);
  const name = (prefix: string, chars: RegExp): CompletionContext => ({
    kind: 'name',
    prefix,
    start: offset - prefix.length,
    end: extend(text, offset, chars),
  });
  const key = (secretId: string, prefix: string, chars: RegExp): CompletionContext => ({
    kind: 'jsonKey',
    secretId,
    prefix,
    start: offset - prefix.length,
    end: extend(text, offset, chars),
  });

  const cfnKeyMatch = cfnKey.exec(before);
  if (cfnKeyMatch) return key(cfnKeyMatch[1], cfnKeyMatch[2], cfnKeyChar);
  const cfnNameMatch = cfnName.exec(before);
  if (cfnNameMatch) return name(cfnNameMatch[1], nameChar);
  if (languageId !== undefined && !CODE_LANGUAGES.has(languageId)) return undefined;

  const keyMatch = helperKey.exec(before);
  if (keyMatch) return key(keyMatch[1] ?? keyMatch[2] ?? keyMatch[3], keyMatch[4], keyChar);
  const nameMatch = helperName.exec(before) ?? sdkName.exec(before);
  if (nameMatch) return name(nameMatch[1], nameChar);
  return undefined;
}

/** End of the argument text after the cursor, so accepting a completion replaces the whole argument. */
function extend(text: string, offset: number, chars: RegExp): number {
  let end = offset;
  while (end < text.length && chars.test(text[end])) end++;
  return end;
}
