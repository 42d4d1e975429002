// --baseline / --write-baseline (#22): read the files up front, so a bad one stops the scan with exit 2.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { readBaseline, type Baseline } from '../../core/git/baseline';
import { printable } from '../../core/terminal-text';

/** --baseline FILE: must exist and be valid (a BaselineError otherwise, exit 2). */
export function loadBaseline(cwd: string, file: string): Baseline {
  return readBaseline(resolve(cwd, file));
}

/** --write-baseline FILE: the baseline being rewritten, when there is one (its key and reviewed marks stay). */
export function previousBaseline(cwd: string, file: string): Baseline | undefined {
  const path = resolve(cwd, file);
  return existsSync(path) ? readBaseline(path) : undefined;
}

export function baselineWrittenLine(file: string, baseline: Baseline): string {
  const reviewed = baseline.entries.filter((e) => e.reviewed).length;
  return `baseline written to ${printable(file)}: ${baseline.entries.length} credential(s)${reviewed ? `, ${reviewed} reviewed` : ''}\n`;
}
