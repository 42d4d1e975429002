// The IaC least-privilege lint in a file scan (`secrets-workbench scan --posture`): its findings placed by line
// and column like credential findings, and the pieces the text, JSON and SARIF reports add for them. The lint
// itself is in scan-lint.ts, loaded only when asked for (it carries the YAML and HCL readers).
import type { Range } from '../detection/finding';
import type { PostureRule, PostureSeverity } from './finding';
import { sarifLocation } from '../detection/sarif-location';
import { POSTURE_DOC_URL, postureRules } from './rules';
import { printable } from '../terminal-text';

/** Report levels (SARIF's names: an information finding is a note). */
export type PostureLevel = 'error' | 'warning' | 'note';

export interface PostureResult {
  ruleId: PostureRule;
  level: PostureLevel;
  message: string;
  range: Range;
}

/** Report level of a posture severity (SARIF's names). */
export const reportLevel = (level: PostureSeverity): PostureLevel => (level === 'information' ? 'note' : level);

/** `path:line:col  level  message  [rule]`, as credential findings are printed. */
export function postureTextLine(path: string, result: PostureResult): string {
  const { line, character } = result.range.start;
  return `${printable(path)}:${line + 1}:${character + 1}  ${result.level}  ${printable(result.message)}  [${result.ruleId}]`;
}

/** SARIF rule descriptors of the posture rules, with help text. */
export function postureSarifRules() {
  return postureRules.map((rule) => ({
    id: rule.id,
    name: rule.title.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ?? '').toUpperCase()),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.help },
    helpUri: POSTURE_DOC_URL,
    help: {
      text: `${rule.help} See ${POSTURE_DOC_URL}`,
      markdown: `${rule.help} See [posture.md](${POSTURE_DOC_URL}).`,
    },
    defaultConfiguration: { level: reportLevel(rule.level) },
    properties: { tags: ['security', 'least-privilege', 'iac'], precision: 'high' },
  }));
}

/** SARIF results for one file's posture findings; `ruleIndex` counts from `firstRuleIndex`. */
export function postureSarifResults(path: string, results: PostureResult[], firstRuleIndex: number) {
  const index = new Map(postureRules.map((r, i) => [r.id, firstRuleIndex + i]));
  return results.map((r) => ({
    ruleId: r.ruleId,
    ruleIndex: index.get(r.ruleId) ?? firstRuleIndex,
    level: r.level,
    message: { text: r.message },
    locations: [sarifLocation(path, r.range)],
  }));
}
