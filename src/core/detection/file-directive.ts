// `secrets-workbench:ignore-file [rule, …]`: a file opts out of some rules (or all) wherever it is scanned —
// editor, workspace scan and CLI alike, so the engine applies it.

export const FILE_DIRECTIVE = 'secrets-workbench:ignore-file';
/** The directive and its optional rule list (group 1). */
export const FILE_DIRECTIVE_PATTERN =
  /secrets-workbench:ignore-file\b([ \t]+[a-z0-9][a-z0-9-]*(?:[ \t]*,[ \t]*[a-z0-9][a-z0-9-]*)*)?/;

interface Linked {
  ruleId: string;
  id?: string;
  relatedId?: string;
}

/** Rules disabled for the whole file by `secrets-workbench:ignore-file [rule, …]` ('*' = all). */
export function fileSuppressions(text: string): Set<string> | undefined {
  let rules: Set<string> | undefined;
  for (const match of text.matchAll(new RegExp(FILE_DIRECTIVE_PATTERN, 'g'))) {
    rules ??= new Set();
    if (!match[1]) rules.add('*');
    else for (const rule of match[1].split(',')) rules.add(rule.trim());
  }
  return rules;
}

export function isSuppressedInFile(rules: Set<string> | undefined, ruleId: string): boolean {
  return !!rules && (rules.has('*') || rules.has(ruleId));
}

/** Drops findings whose rule the file ignores with `secrets-workbench:ignore-file`. */
export function withoutFileSuppressed<T extends Linked>(text: string, findings: T[]): T[] {
  // most texts have nothing to drop: don't search them for the directive
  if (!findings.length || !text.includes(FILE_DIRECTIVE)) return findings;
  const rules = fileSuppressions(text);
  const kept = findings.filter((finding) => !isSuppressedInFile(rules, finding.ruleId));
  return kept.length === findings.length ? findings : withoutDanglingLinks(kept);
}

/** A kept finding must not point at a related finding (its key pair) that was dropped. */
function withoutDanglingLinks<T extends Linked>(findings: T[]): T[] {
  const ids = new Set(findings.map((f) => f.id));
  for (const finding of findings)
    if (finding.relatedId !== undefined && !ids.has(finding.relatedId)) delete finding.relatedId;
  return findings;
}
