// The IaC least-privilege lint of one scanned file, placed by line and column (`scan --posture`). Loaded on
// demand (src/core/scan/posture-loader.ts): the CLI's plain credential scan does not carry it.
import { LineIndex } from '../detection/line-index';
import type { Position } from '../detection/finding';
import { iacKindOf, lintIac } from './iac-lint';
import { reportLevel, type PostureResult } from './scan-report';

/** The lint's findings for one file, placed; [] for a file that is not IaC or policy JSON. */
export function postureResults(path: string, text: string): PostureResult[] {
  if (!iacKindOf(path, text)) return [];
  const lines = new LineIndex(text);
  const at = (offset: number): Position => {
    const line = lines.lineOf(offset);
    return { line, character: offset - lines.startOf(line), offset };
  };
  return lintIac(path, text).map((f) => ({
    ruleId: f.ruleId,
    level: reportLevel(f.severity),
    message: f.message,
    range: { start: at(f.offset), end: at(f.offset + f.length) },
  }));
}
