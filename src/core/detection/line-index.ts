// Line numbers of offsets: the text's line starts are found once (on first use), then each lookup is a binary
// search, so reporting many findings in a long text stays linear (counting newlines from the start each time
// was quadratic).
export class LineIndex {
  private starts: Int32Array | undefined;
  private count = 0;

  constructor(private readonly text: string) {}

  /** 0-based line of the character at `offset`. */
  lineOf(offset: number): number {
    const starts = (this.starts ??= this.build());
    let low = 0;
    let high = this.count - 1;
    while (low < high) {
      const mid = (low + high + 1) >>> 1;
      if (starts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  /** Offset where line `line` starts. */
  startOf(line: number): number {
    return (this.starts ??= this.build())[line];
  }

  private build(): Int32Array {
    const text = this.text;
    let starts = new Int32Array(Math.max(16, text.length >> 5));
    starts[0] = 0;
    let count = 1;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
      if (count === starts.length) {
        const grown = new Int32Array(starts.length * 2);
        grown.set(starts);
        starts = grown;
      }
      starts[count++] = i + 1;
    }
    this.count = count;
    return starts;
  }
}
