// A finding's signals in words, for the hover and the text report ("why is this flagged?"). Never the value.
import type { Finding } from './finding';

const FILE_KINDS: Record<string, string> = {
  code: 'source code',
  shell: 'a shell script',
  env: 'a .env file',
  yaml: 'YAML',
  json: 'JSON',
  toml: 'TOML',
  ini: 'an INI file',
  properties: 'a properties file',
  xml: 'XML',
  hcl: 'Terraform/HCL',
  dockerfile: 'a Dockerfile',
  pkcs12: 'a PKCS#12 key store',
  unknown: 'a file of unknown type',
};

/** `confidence 0.99: prefix ghp_, checksum verified, entropy 5.1 bits/char, in source code`. */
export function explainSignals(finding: Pick<Finding, 'confidence' | 'signals'>): string {
  const s = finding.signals;
  const parts: string[] = [];
  if (s.prefix) parts.push(`prefix ${s.prefix}`);
  if (s.checksum) parts.push(s.checksum === 'valid' ? 'checksum verified' : 'checksum does not verify');
  if (s.nearby) {
    const where = s.nearby === 'same-line' ? 'on its line' : 'on the line before';
    parts.push(s.vendor ? `the vendor "${s.vendor}" named ${where}` : `an API named ${where}`);
  } else if (s.vendor) parts.push(`next to the vendor name "${s.vendor}"`);
  if (s.name) parts.push(`assigned to '${s.name}'`);
  if (s.entropy !== undefined) parts.push(`entropy ${s.entropy.toFixed(1)} bits/char`);
  if (s.fileKind) parts.push(`in ${FILE_KINDS[s.fileKind] ?? s.fileKind}`);
  return `confidence ${finding.confidence.toFixed(2)}: ${parts.join(', ')}`;
}
