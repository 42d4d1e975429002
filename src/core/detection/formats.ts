// Credentials that a file's format, not a line, reveals: Kubernetes `kind: Secret` manifests (values under
// `data:` are base64, under `stringData:` plain) and PKCS#12 key stores (.p12/.pfx, binary DER).
import { scorePassword, scoreRandomSecret, isCommonRejection } from './value-model';

export interface FormatMatch {
  ruleId: 'kubernetes-secret' | 'pkcs12-file';
  /** Offsets of the value in the text. */
  start: number;
  end: number;
  confidence: number;
  name?: string;
}

// `kind: Secret` (also `secret`, quoted, or indented as in a `kind: List`), never `ExternalSecret` / `SopsSecret`
const K8S_KIND = /^[ \t]*kind:[ \t]*["']?[Ss]ecret["']?[ \t]*(?:#.*)?$/m;
const DATA_KEY = /^(\s*)(data|stringData):\s*$/;
const ENTRY = /^(\s+)([\w.-]+):[ \t]*(["']?)([^"'\s#]+)\3\s*(?:#.*)?$/;
const BASE64 = /^[A-Za-z0-9+/]{4,}={0,2}$/;
/** `name: |` / `name: >-` under data: the value is the next, more indented line. */
const BLOCK_ENTRY = /^(\s+)([\w.-]+):[ \t]*[|>][-+]?[ \t]*$/;
const BLOCK_BODY = /^(\s+)([^\s#"']+)\s*$/;

/** Whether a line may start a Kubernetes Secret (cheap test for the incremental scanner). */
export function isKubernetesSecretKindLine(line: string): boolean {
  return line.includes('kind:') && K8S_KIND.test(line);
}

function credentialScore(value: string): number {
  if (isCommonRejection(value)) return 0;
  return Math.max(scorePassword(value), scoreRandomSecret(value, 12));
}

/** Whether some line reads `kind: Secret`; found through `kind:`, as the multi-line regex is slow on big texts. */
function hasSecretKindLine(text: string): boolean {
  for (let at = text.indexOf('kind:'); at >= 0; at = text.indexOf('kind:', at + 5)) {
    const end = text.indexOf('\n', at);
    const line = text.slice(text.lastIndexOf('\n', at) + 1, end < 0 ? text.length : end);
    if (isKubernetesSecretKindLine(line.replace(/\r$/, ''))) return true;
  }
  return false;
}

/** Values of `kind: Secret` documents in a YAML text. */
export function findKubernetesSecrets(text: string): FormatMatch[] {
  if (!text.includes('ecret') || !hasSecretKindLine(text)) return [];
  const out: FormatMatch[] = [];
  let offset = 0;
  let documentStart = 0;
  const lines = text.split('\n');
  const documents: { from: number; to: number; start: number }[] = [];
  lines.forEach((line, i) => {
    if (/^---/.test(line)) {
      documents.push({ from: documentStart, to: i, start: 0 });
      documentStart = i + 1;
    }
  });
  documents.push({ from: documentStart, to: lines.length, start: 0 });
  const lineStarts: number[] = [];
  for (const line of lines) {
    lineStarts.push(offset);
    offset += line.length + 1;
  }
  for (const doc of documents) {
    const body = lines.slice(doc.from, doc.to);
    if (!body.some((l) => isKubernetesSecretKindLine(l.replace(/\r$/, '')))) continue;
    let section: { indent: number; plain: boolean } | undefined;
    body.forEach((raw, k) => {
      const line = raw.replace(/\r$/, '');
      const header = DATA_KEY.exec(line);
      if (header) {
        section = { indent: header[1].length, plain: header[2] === 'stringData' };
        return;
      }
      if (!section) return;
      const block = BLOCK_ENTRY.exec(line);
      if (block && block[1].length > section.indent) {
        const next = BLOCK_BODY.exec((body[k + 1] ?? '').replace(/\r$/, ''));
        if (next && next[1].length > block[1].length) {
          const confidence = entryScore(next[2], section.plain);
          if (confidence > 0) {
            const start = lineStarts[doc.from + k + 1] + next[1].length;
            out.push({ ruleId: 'kubernetes-secret', start, end: start + next[2].length, confidence, name: block[2] });
          }
        }
        return;
      }
      const entry = ENTRY.exec(line);
      if (!entry || entry[1].length <= section.indent) {
        if (line.trim() && !/^\s*#/.test(line) && (/^\S/.test(line) || (entry && entry[1].length <= section.indent)))
          section = undefined;
        return;
      }
      const value = entry[4];
      const confidence = entryScore(value, section.plain);
      if (confidence > 0) {
        const start = lineStarts[doc.from + k] + line.lastIndexOf(value);
        out.push({ ruleId: 'kubernetes-secret', start, end: start + value.length, confidence, name: entry[2] });
      }
    });
  }
  return out;
}

/** A `data:` value (base64) or `stringData:` value (plain) judged as a credential. */
function entryScore(value: string, plain: boolean): number {
  if (plain) return credentialScore(value);
  if (!BASE64.test(value) || value.length % 4 !== 0) return 0;
  const decoded = Buffer.from(value, 'base64').toString('utf8');
  // decoded private keys, tokens, passwords, Docker configs: printable and credential-like
  if (!/^[\x20-\x7e\r\n\t]+$/.test(decoded)) return 0;
  if (decoded.includes('PRIVATE KEY')) return 0.95;
  const dockerAuth = /"auth"\s*:\s*"([A-Za-z0-9+/]{8,}={0,2})"/.exec(decoded);
  if (dockerAuth) {
    const pair = Buffer.from(dockerAuth[1], 'base64').toString('utf8');
    return pair.includes(':') ? credentialScore(pair.slice(pair.indexOf(':') + 1)) : 0;
  }
  return credentialScore(decoded.trim());
}

const KEY_STORE_PATH = /\.(?:p12|pfx)$/i;

/** A PKCS#12 store: named .p12/.pfx and DER (an ASN.1 SEQUENCE) inside. */
export function isPkcs12(path: string | undefined, text: string): boolean {
  return !!path && KEY_STORE_PATH.test(path) && text.charCodeAt(0) === 0x30;
}

export function isKeyStorePath(path: string): boolean {
  return KEY_STORE_PATH.test(path);
}
