// Keyword prefilter: one DFA (the product of a case-insensitive and a case-sensitive Aho-Corasick automaton)
// reads each character with a single table lookup, so only candidate lines reach the rules, and it reports
// which rule groups a line's keywords belong to, so a line only runs the rules it can trigger.

const ALPHABET = 128; // keywords are ASCII; any other character is symbol 0 (never part of a keyword); 2^7, see >>> 7
const HIT = 0x80000000 | 0; // set on transitions into a state that completes a keyword
const STATE = 0x7fffffff;

const LOWER = new Uint8Array(ALPHABET);
for (let c = 0; c < ALPHABET; c++) LOWER[c] = c >= 65 && c <= 90 ? c + 32 : c;

export interface Keyword {
  text: string;
  /** Bit set in a line's mask when the keyword occurs (0–31). */
  group: number;
  /** Matched case-insensitively (ASCII letters). */
  folded: boolean;
}

interface Automaton {
  /** Successor state per (state, symbol), as a plain index (not pre-multiplied). */
  next: Uint32Array;
  /** Group bits of the keywords that end in each state (failure links included). */
  mask: Uint32Array;
  states: number;
}

function build(keywords: { text: string; group: number }[]): Automaton {
  const goto: Map<number, number>[] = [new Map()];
  const mask: number[] = [0];
  for (const { text, group } of keywords) {
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 0 || c >= ALPHABET) throw new Error('prefilter keywords must be ASCII');
      let next = goto[state].get(c);
      if (next === undefined) {
        next = goto.length;
        goto.push(new Map());
        mask.push(0);
        goto[state].set(c, next);
      }
      state = next;
    }
    mask[state] |= 1 << group;
  }
  const states = goto.length;
  const next = new Uint32Array(states * ALPHABET);
  const fail = new Uint32Array(states);
  // breadth-first: complete the transition table with failure links
  const queue: number[] = [];
  for (let c = 0; c < ALPHABET; c++) {
    const child = goto[0].get(c) ?? 0;
    next[c] = child;
    if (child) queue.push(child);
  }
  for (let head = 0; head < queue.length; head++) {
    const state = queue[head];
    mask[state] |= mask[fail[state]];
    for (let c = 0; c < ALPHABET; c++) {
      const child = goto[state].get(c);
      if (child !== undefined) {
        fail[child] = next[fail[state] * ALPHABET + c];
        next[state * ALPHABET + c] = child;
        queue.push(child);
      } else {
        next[state * ALPHABET + c] = next[fail[state] * ALPHABET + c];
      }
    }
  }
  return { next, mask: Uint32Array.from(mask), states };
}

export class KeywordPrefilter {
  /** Successor per (state × ALPHABET + symbol), pre-multiplied by ALPHABET, with HIT when a keyword ends. */
  private readonly delta: Int32Array;
  private readonly masks: Uint32Array;

  constructor(keywords: readonly Keyword[]) {
    for (const k of keywords) if (k.group < 0 || k.group > 31) throw new Error('prefilter groups are bits 0–31');
    const folded = build(keywords.filter((k) => k.folded).map((k) => ({ text: k.text.toLowerCase(), group: k.group })));
    const exact = build(keywords.filter((k) => !k.folded));
    // product construction over the reachable pairs: one lookup per character instead of two
    const ids = new Map<number, number>([[0, 0]]);
    const pairs: number[] = [0];
    const rows: Int32Array[] = [];
    const masks: number[] = [];
    for (let id = 0; id < pairs.length; id++) {
      const f = Math.floor(pairs[id] / exact.states);
      const e = pairs[id] % exact.states;
      masks.push(folded.mask[f] | exact.mask[e]);
      const row = new Int32Array(ALPHABET);
      for (let c = 0; c < ALPHABET; c++) {
        const pair = folded.next[f * ALPHABET + LOWER[c]] * exact.states + exact.next[e * ALPHABET + c];
        let target = ids.get(pair);
        if (target === undefined) {
          target = pairs.length;
          ids.set(pair, target);
          pairs.push(pair);
        }
        row[c] = target;
      }
      rows.push(row);
    }
    this.masks = Uint32Array.from(masks);
    this.delta = new Int32Array(pairs.length * ALPHABET);
    rows.forEach((row, id) => {
      for (let c = 0; c < ALPHABET; c++) {
        const target = row[c];
        this.delta[id * ALPHABET + c] = (target * ALPHABET) | (this.masks[target] ? HIT : 0);
      }
    });
  }

  /**
   * Offsets of the lines holding a keyword: for each such line, the index just past its first keyword.
   * One tight loop over the whole text (V8 optimizes it far better than a call per hit).
   */
  candidateLines(symbols: Uint8Array): number[] {
    const delta = this.delta;
    const hits: number[] = [];
    const end = symbols.length;
    let s = 0;
    for (let i = 0; i < end; i++) {
      s = delta[s + symbols[i]];
      if (s < 0) {
        hits.push(i + 1);
        const newline = symbols.indexOf(10, i + 1);
        if (newline < 0) break;
        i = newline;
        s = 0;
      }
    }
    return hits;
  }

  /** The group bits of every keyword occurring in symbols[from, to). */
  maskOf(symbols: Uint8Array, from = 0, to = symbols.length): number {
    const delta = this.delta;
    const masks = this.masks;
    let s = 0;
    let mask = 0;
    for (let i = from; i < to; i++) {
      s = delta[s + symbols[i]];
      if (s < 0) mask |= masks[(s &= STATE) >>> 7];
    }
    return mask;
  }

  /** `maskOf` for one line (it has its own buffer, so it may run while a text's symbols are in use). */
  maskOfLine(line: string): number {
    return this.maskOf(toSymbols(line, lineScratch));
  }

  test(line: string): boolean {
    return this.maskOfLine(line) !== 0;
  }
}

/** A reusable buffer; texts longer than `limit` get a fresh one, so a huge text is not kept alive. */
class Scratch {
  private buffer: Uint8Array;
  constructor(
    initial: number,
    private readonly limit: number,
  ) {
    this.buffer = new Uint8Array(initial);
  }
  take(length: number): Uint8Array {
    if (length <= this.buffer.length) return this.buffer.subarray(0, length);
    const fresh = new Uint8Array(length);
    if (length <= this.limit) this.buffer = fresh;
    return fresh;
  }
}

const encoder = new TextEncoder();
const NON_ASCII = /[\u0080-\uffff]+/g;
const textScratch = new Scratch(64 * 1024, 1 << 20);
const lineScratch = new Scratch(4096, 64 * 1024);

/**
 * The text as prefilter symbols, one per UTF-16 unit so indexes agree: ASCII characters as themselves, any
 * other as 0 (no keyword contains it). Reading a byte array is several times faster than `charCodeAt`, and
 * one element kind keeps the scan loops monomorphic. The result lives in a shared buffer: it is only valid
 * until the next call.
 */
export function symbolsOf(text: string): Uint8Array {
  return toSymbols(text, textScratch);
}

function toSymbols(text: string, scratch: Scratch): Uint8Array {
  const symbols = scratch.take(text.length);
  if (Buffer.byteLength(text, 'utf8') === text.length)
    encoder.encodeInto(text, symbols); // pure ASCII
  else {
    // latin1 keeps one byte per UTF-16 unit (the low byte); runs of non-ASCII characters then become 0
    Buffer.from(symbols.buffer, symbols.byteOffset, symbols.length).write(text, 0, text.length, 'latin1');
    NON_ASCII.lastIndex = 0;
    for (let m = NON_ASCII.exec(text); m; m = NON_ASCII.exec(text)) symbols.fill(0, m.index, m.index + m[0].length);
  }
  return symbols;
}
