// The text edits a rename makes: each reference's secret id, and nothing else (quotes, JSON keys, stages and
// the surrounding syntax stay as written). Pure: the files' texts come in, replacements go out.
import { refersTo, renamedSecretId } from './reference-identity';

/** A reference found in a file (by the reference index), located by 0-based line and character. */
export interface LocatedReference {
  /** The file, as the caller names it (a path or a URI): opaque here. */
  path: string;
  /** The secret id as written: a name or an ARN. */
  secretId: string;
  kind: string;
  line: number;
  character: number;
  /** Length of the written id; defaults to secretId's length. */
  length?: number;
  jsonKey?: string;
}

export interface ReferenceReplacement {
  path: string;
  kind: string;
  line: number;
  character: number;
  /** Characters replaced (the id as written). */
  length: number;
  oldText: string;
  newText: string;
  jsonKey?: string;
}

export interface SkippedReference {
  reference: LocatedReference;
  reason: string;
}

export interface ReferenceEditPlan {
  replacements: ReferenceReplacement[];
  /** References to the secret whose text is not its id where the index put it (the file changed): not edited. */
  skipped: SkippedReference[];
  /** Distinct files the replacements touch, in first-seen order. */
  files: string[];
}

export interface RenameTarget {
  name: string;
  arn?: string;
}

/** References that designate `secret` (by name, full or partial ARN). */
export function referencesToSecret<R extends LocatedReference>(references: readonly R[], secret: RenameTarget): R[] {
  return references.filter((r) => refersTo(r.secretId, secret));
}

/**
 * Replacements that rename every reference to `secret` into `newName` (ARNs into `newArn` or the partial ARN).
 * `texts` holds each referencing file's current text; a reference whose text has changed since it was indexed
 * is skipped, never edited blindly.
 */
export function planReferenceEdits(
  references: readonly LocatedReference[],
  texts: ReadonlyMap<string, string>,
  secret: RenameTarget,
  newName: string,
  newArn?: string,
): ReferenceEditPlan {
  const replacements: ReferenceReplacement[] = [];
  const skipped: SkippedReference[] = [];
  const seen = new Set<string>();
  const starts = new Map<string, number[]>();
  const startsOf = (path: string, text: string) => starts.get(path) ?? starts.set(path, lineStarts(text)).get(path)!;
  for (const reference of referencesToSecret(references, secret)) {
    if (reference.kind === 'env-read') continue; // reads a variable the env map names: the env map entry is edited
    const key = `${reference.path}\n${reference.line}:${reference.character}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const length = reference.length ?? reference.secretId.length;
    const text = texts.get(reference.path);
    const written = text === undefined ? undefined : textAt(text, startsOf(reference.path, text), reference, length);
    if (written !== reference.secretId) {
      skipped.push({
        reference,
        reason:
          text === undefined ? 'the file could not be read' : 'the file changed since it was indexed: edit it by hand',
      });
      continue;
    }
    replacements.push({
      path: reference.path,
      kind: reference.kind,
      line: reference.line,
      character: reference.character,
      length,
      oldText: written,
      newText: renamedSecretId(reference.secretId, newName, newArn),
      ...(reference.jsonKey !== undefined ? { jsonKey: reference.jsonKey } : {}),
    });
  }
  replacements.sort((a, b) =>
    a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line || a.character - b.character,
  );
  return { replacements, skipped, files: [...new Set(replacements.map((r) => r.path))] };
}

/** Applies replacements to a file's text (for the CLI; the editor applies them as one WorkspaceEdit). */
export function applyReplacements(text: string, replacements: readonly ReferenceReplacement[]): string {
  const starts = lineStarts(text);
  const byOffset = replacements
    .map((r) => ({ offset: starts[r.line] + r.character, r }))
    .sort((a, b) => b.offset - a.offset); // from the end, so earlier offsets stay valid
  let result = text;
  for (const { offset, r } of byOffset) result = result.slice(0, offset) + r.newText + result.slice(offset + r.length);
  return result;
}

function textAt(
  text: string,
  starts: number[],
  { line, character }: { line: number; character: number },
  length: number,
): string | undefined {
  if (line >= starts.length) return undefined;
  const start = starts[line] + character;
  const lineEnd = line + 1 < starts.length ? starts[line + 1] : text.length;
  return start + length <= lineEnd ? text.slice(start, start + length) : undefined;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}
