// Values that belong together move into one JSON secret: linked findings (an AWS key id with its secret
// key) and credentials in the same config block (consecutive non-blank lines).
import type { FixFinding } from './types';

const MAX_BLOCK_DISTANCE = 12;

function blockOf(text: string, line: number, lineStarts: number[]): [number, number] {
  const lineText = (n: number) =>
    text.slice(lineStarts[n], n + 1 < lineStarts.length ? lineStarts[n + 1] : text.length);
  let first = line;
  while (first > 0 && lineText(first - 1).trim() && line - first < MAX_BLOCK_DISTANCE) first--;
  let last = line;
  while (last + 1 < lineStarts.length && lineText(last + 1).trim() && last - line < MAX_BLOCK_DISTANCE) last++;
  return [first, last];
}

/** The findings that move with `target` (itself included), in document order. */
export function relatedGroup(text: string, findings: readonly FixFinding[], target: FixFinding): FixFinding[] {
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const group = new Map<string, FixFinding>([[target.id, target]]);
  const linked = (a: FixFinding, b: FixFinding) => a.relatedId === b.id || b.relatedId === a.id;
  // Private keys and certificates are multi-line values of their own: never grouped by block.
  const blockable = (finding: FixFinding) =>
    finding.construct !== 'private-key-block' && finding.construct !== 'comment';
  let changed = true;
  while (changed) {
    changed = false;
    for (const candidate of findings) {
      if (group.has(candidate.id)) continue;
      for (const member of group.values()) {
        const sameBlock = (() => {
          if (!blockable(candidate) || !blockable(member)) return false;
          const [first, last] = blockOf(text, member.range.start.line, lineStarts);
          return candidate.range.start.line >= first && candidate.range.start.line <= last;
        })();
        if (linked(candidate, member) || sameBlock) {
          group.set(candidate.id, candidate);
          changed = true;
          break;
        }
      }
    }
  }
  return [...group.values()].sort((a, b) => a.range.start.offset - b.range.start.offset);
}
