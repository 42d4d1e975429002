// Terraform `aws_secretsmanager_secret_version` (secret_id, version_stage, version_id) and
// `aws_secretsmanager_secret` (name, arn) data and ephemeral sources whose block names the secret literally.
import type { RawReference } from './types';

const BLOCK =
  /\b(?:data|ephemeral)\s+"(aws_secretsmanager_secret_version|aws_secretsmanager_secret)"\s+"[^"\n]*"\s*\{/g;
/** A literal attribute (interpolations, `${…}`, are not literal names). */
const ATTRIBUTE = /^[ \t]*(secret_id|name|arn|version_stage|version_id)[ \t]*=[ \t]*"([^"$\n\\]+)"/gm;

export function findTerraformSources(text: string): RawReference[] {
  if (!text.includes('aws_secretsmanager_secret')) return [];
  const found: RawReference[] = [];
  BLOCK.lastIndex = 0;
  for (let block = BLOCK.exec(text); block; block = BLOCK.exec(text)) {
    const bodyStart = block.index + block[0].length;
    const bodyEnd = matchingBrace(text, bodyStart);
    BLOCK.lastIndex = bodyEnd; // each character is read once, even with unclosed blocks
    const body = text.slice(bodyStart, bodyEnd);
    const isVersion = block[1] === 'aws_secretsmanager_secret_version';
    let reference: RawReference | undefined;
    let stage: string | undefined;
    let versionId: string | undefined;
    for (const attribute of body.matchAll(ATTRIBUTE)) {
      const [line, name, value] = attribute;
      if (name === 'version_stage') stage = value;
      else if (name === 'version_id') versionId = value;
      else if (!reference && (isVersion ? name === 'secret_id' : name === 'name' || name === 'arn')) {
        const offset = bodyStart + attribute.index + line.length - value.length - 1;
        reference = { secretId: value, kind: 'terraform', offset, length: value.length };
      }
    }
    if (!reference) continue;
    if (isVersion && stage) reference.versionStage = stage;
    if (isVersion && versionId) reference.versionId = versionId;
    found.push(reference);
  }
  return found;
}

/** Index of the brace that closes the block whose body starts at `from` (or the end of text). */
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
