// Offsets to line/character, and the quoted-literal pattern the code finders share.

/** A single-line string literal without escapes or interpolation: '…', "…" or `…` (groups 1-3). */
export const QUOTED = String.raw`(?:'([^'\\\n]+)'|"([^"\\\n]+)"|\x60([^\x60$\\\n]+)\x60)`;

/** The first defined capture among `match[from..from+2]` (one QUOTED literal). */
export function quotedValue(match: RegExpMatchArray, from: number): string | undefined {
  return match[from] ?? match[from + 1] ?? match[from + 2];
}

export class LineMap {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  position(offset: number): { line: number; character: number } {
    const starts = this.starts;
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: offset - starts[low] };
  }
}

/** Offset of the start of the line holding `offset`. */
export function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}
