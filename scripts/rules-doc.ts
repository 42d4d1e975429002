// Builds docs/rules.md from the rule data (src/core/detection/providers/ and rules.ts), so the reference can
// never drift from the engine: `npm run docs:rules` writes it, a unit test fails when it is stale.
import { CHECKSUMS } from '../src/core/detection/checksums';
import {
  allRuleInfos,
  contextRules,
  formatRules,
  privateKeyRule,
  providerRuleData,
  type ProviderRuleData,
} from '../src/core/detection/rules';
import type { SamplePart } from '../src/core/detection/providers/types';

const ALPHABET_NAMES: Record<string, string> = {
  alnum: 'letters/digits',
  alpha: 'letters',
  lower: 'lower-case letters',
  upper: 'capitals',
  digit: 'digits',
  hex: 'hex digits',
  HEX: 'hex digits',
  lowernum: 'lower-case letters/digits',
  uppernum: 'capitals/digits',
  base32: 'base32 characters',
  b64: 'base64 characters',
  b64url: 'base64url characters',
  bech32: 'bech32 characters',
  uuid: 'characters of a UUID',
  'basic-auth': 'base64 of user:password',
};

export function shapeOf(sample: readonly SamplePart[]): string {
  return sample
    .map((part) => (typeof part === 'string' ? `\`${part}\`` : `${part[1]} ${ALPHABET_NAMES[part[0]]}`))
    .join(' + ');
}

/** What the data cannot say about the rules matched in code (context rules, key blocks, file formats). */
const MATCHING: Record<string, string> = {
  'private-key':
    'Matches `-----BEGIN … PRIVATE KEY-----` … `-----END … PRIVATE KEY-----` across lines (or one line with `\\n` escapes) when the body is real base64. Public keys, certificates and placeholder bodies are ignored. The range covers the whole block, BEGIN to END.',
  'kubernetes-secret':
    'In a YAML or JSON manifest with `kind: Secret`, each entry under `data:` whose base64 decodes to a credential-like value, and each `stringData:` entry that passes the value model. Templated values (`{{ … }}`) and empty ones are ignored.',
  'pkcs12-file':
    'A file named `*.p12` or `*.pfx` whose content is binary DER (a PKCS#12 store); the finding is on the first line of the file.',
  'aws-secret-access-key':
    'A 40-character base64 value assigned to an AWS-secret-like name (`aws_secret_access_key`, `secretAccessKey`, `AWS_SECRET`), or on the same line as an access key ID (CSV exports, SDK constructors). Paired with the nearest key ID via `relatedId`. The AWS documentation secret is ignored.',
  'jwt-signing-secret':
    'A random-looking literal assigned to `jwtSecret`, `JWT_SIGNING_KEY`, `token_signing_secret`, `hmacSecret`, …',
  'generic-password':
    'A literal assigned to a password-like name (`password`, `passwd`, `pwd`, `pass`, `passphrase`, `password2`, `DB_PASSWORD`, `spring.datasource.password`, …) in an assignment, a `KEY=value` pair anywhere on a line (log lines, shell), a URL query parameter (`?password=`), an XML element or attribute (`<password>…</password>`, `password="…"`), the password argument of a login-like call (`login(user, "…")`, `new NetworkCredential(user, "…")`), or `--password …` on a command line. Concatenated literals (`"abc" + "def"`) are judged joined. The value must look like a password (two character classes and 8+ characters, or three classes), not a word, identifier, placeholder, reference or format template (`f"{user}:{pw}"`, `%s`).',
  'generic-secret':
    'A literal assigned to a secret-like name (`secret`, `client_secret`, `app_secret`, `credentials`, …) whose value passes the entropy and character-class model.',
  'generic-api-key':
    'A literal assigned to a key name with a qualifier (`api_key`, `apiKey`, `access_key`, `private_key`, `api_key1`, any `<vendor>_key` such as `hasura_key`; a bare `key` and names like `primary_key`, `cache_key`, `sort_key` are not enough) whose value passes the entropy and character-class model.',
  'generic-token':
    'A literal assigned to a token-like name (`token`, `access_token`, `authToken`, `auth`, …) whose value passes the entropy and character-class model; `Bearer …` values are judged without the scheme. Pagination cursors (`nextToken`, `pageToken`, `NextContinuationToken`, `cursor`) and CSRF tokens are not credentials.',
};

function providerSection(data: ProviderRuleData): string[] {
  const lines = [data.description, ''];
  if (data.vendors) {
    lines.push(
      `Matches a value of the shape \`${data.pattern}\` within 40 characters after ${data.vendors.map((v) => `\`${v}\``).join(', ')} (any case).`,
    );
  } else {
    lines.push(`Shape: ${shapeOf(data.sample)}. Pattern: \`${data.pattern.replace(/`/g, '\\`')}\`.`);
  }
  if (data.checksum) {
    lines.push(
      '',
      `Checksum: ${CHECKSUMS[data.checksum].label}. A valid checksum is an error with confidence 0.99; a shape match whose checksum does not verify is a **warning** that says so ("…its checksum does not verify: likely a placeholder").`,
    );
  }
  lines.push(
    '',
    `Quick fix suggests the secret \`${data.secret.name}\` with the key \`${data.secret.key}\`. Provider documentation: <${data.docs}>.`,
  );
  return lines;
}

export function rulesMarkdown(): string {
  const out: string[] = [
    '<!-- Generated by `npm run docs:rules` from src/core/detection/providers/ and rules.ts. Do not edit by hand. -->',
    '',
    '# Detection rules',
    '',
    'Every finding of the Secrets Workbench linter and of `secrets-workbench scan` names one of these rules. Diagnostics',
    'and SARIF results link here (`docs/rules.md#<rule id>`). How to configure or suppress them: [detection.md](detection.md).',
    '',
    '**Provider rules** match a shape the issuer defines: a prefix, a length and alphabet, a checksum where there is one.',
    "**Vendor rules** match a documented shape that has no prefix, close after the vendor's name (`DATADOG_API_KEY=…`).",
    '**Context rules** fire when a credential-like _name_ is assigned a literal that passes the value model: not empty, not a',
    'placeholder (`changeme`, `<your-key>`, `xxxx`), not a reference or template (`${VAR}`, `{{ secrets.X }}`,',
    '`process.env.X`, `f"{name}"`, ARNs), not a hash, UUID, public key, identifier, path, URL or UI text, and random enough',
    'for its length (Shannon entropy plus character-class transitions).',
    '',
    'Each finding carries its **signals** (provider prefix, checksum, entropy, context name, vendor, file kind) in the hover',
    "and in SARIF `properties.signals`. Documented example values (AWS's `AKIAIOSFODNN7EXAMPLE`, the jwt.io token, the Azure",
    'storage emulator key) are dropped, with the reason shown by `scan --verbose`.',
    '',
    '**Fix** for every rule: move the value into a secret manager (the quick fix does it), read it at run time, and',
    'rotate the credential — it has been exposed to everyone who can read the file or its history.',
    '',
    `${allRuleInfos.length} rules:`,
    '',
    '| rule | kind | default level |',
    '| ---- | ---- | ------------- |',
  ];
  for (const rule of allRuleInfos) out.push(`| [\`${rule.id}\`](#${rule.id}) | ${rule.kind} | ${rule.level} |`);
  const data = new Map(providerRuleData.map((d) => [d.id, d]));
  for (const rule of [
    ...providerRuleData.map((d) => d.id),
    privateKeyRule.id,
    ...formatRules.map((r) => r.id),
    ...contextRules.map((r) => r.id),
  ]) {
    const info = allRuleInfos.find((r) => r.id === rule)!;
    out.push('', `<a id="${rule}"></a>`, '', `## ${rule}`, '', `**${info.kind}** · default level: ${info.level}`, '');
    const entry = data.get(rule);
    if (entry) out.push(...providerSection(entry));
    else {
      out.push(info.description, '', MATCHING[rule] ?? '');
      if (info.docs) out.push('', `Documentation: <${info.docs}>.`);
    }
  }
  out.push(
    '',
    '## Custom rules',
    '',
    'Rules added under `customRules` in `.secrets-workbench.json` use their own id and kind; see [detection.md](detection.md#secrets-workbenchjson).',
    '',
  );
  return out.join('\n');
}
