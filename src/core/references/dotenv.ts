// `.env` templates: the comment the quick fix leaves in place of a moved value
// (`# VAR comes from secret name#key (env map …)`) and `VAR=secretsmanager:name[#key]` values. `VAR=` lines
// holding a `{{resolve:secretsmanager:…}}` or an ARN are found by those finders; this one names their variable.
import { parseSecretReference } from '../env/env-map';
import type { RawReference } from './types';

const FIX_COMMENT = /^[ \t]*#[ \t]*([A-Za-z_][A-Za-z0-9_]*) comes from secret (\S+) \(env map/gm;
const PREFIXED_VALUE =
  /^[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_]*)[ \t]*=[ \t]*["']?secretsmanager:(?:\/\/)?([A-Za-z0-9/_+=.@:-]+(?:#[^\s"'#]+)?)/gm;
const ASSIGNMENT = /^[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_]*)[ \t]*=/;

export function isDotenvPath(path: string): boolean {
  const base = path.slice(path.lastIndexOf('/') + 1);
  return base === '.env' || base.startsWith('.env.') || base.endsWith('.env');
}

export function findDotenvReferences(text: string): RawReference[] {
  const found: RawReference[] = [];
  for (const pattern of [FIX_COMMENT, PREFIXED_VALUE]) {
    for (const match of text.matchAll(pattern)) {
      const written = match[2];
      const { secretId, jsonKey } = parseSecretReference(written);
      if (!secretId) continue;
      found.push({
        secretId,
        kind: 'dotenv',
        offset:
          match.index + (pattern === FIX_COMMENT ? match[0].lastIndexOf(written) : match[0].length - written.length),
        length: secretId.length,
        envVariable: match[1],
        ...(jsonKey ? { jsonKey } : {}),
      });
    }
  }
  return found;
}

/** The variable a `VAR=` line assigns, for references other finders found on it. */
export function assignedVariable(line: string): string | undefined {
  return ASSIGNMENT.exec(line)?.[1];
}
