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
   * Index just past the first keyword occurrence at or after `from` (before `to`), or -1. Pass
   * `asciiBytes(text)` when scanning one text many times: reading bytes is about twice as fast.
   */
  find(text: string, from = 0, to = text.length, bytes?: Uint8Array): number {
    return bytes ? findInBytes(this.delta, bytes, from, to) : findInString(this.delta, text, from, to);
  }

  /** The group bits of every keyword occurring in text[from, to). */
  maskOf(text: string, from = 0, to = text.length, bytes?: Uint8Array): number {
    const delta = this.delta;
    const masks = this.masks;
    let s = 0;
    let mask = 0;
    if (bytes) {
      for (let i = from; i < to; i++) {
        s = delta[s + bytes[i]];
        if (s < 0) mask |= masks[(s &= STATE) >>> 7];
      }
      return mask;
    }
    for (let i = from; i < to; i++) {
      const c = text.charCodeAt(i);
      s = delta[s + (c < ALPHABET ? c : 0)];
      if (s < 0) mask |= masks[(s &= STATE) >>> 7];
    }
    return mask;
  }

  test(line: string): boolean {
    return this.find(line) >= 0;
  }
}

// Separate loops for bytes and strings keep each monomorphic (one element kind), which V8 compiles tighter.
function findInBytes(delta: Int32Array, bytes: Uint8Array, from: number, to: number): number {
  let s = 0;
  for (let i = from; i < to; i++) {
    s = delta[s + bytes[i]];
    if (s < 0) return i + 1;
  }
  return -1;
}

function findInString(delta: Int32Array, text: string, from: number, to: number): number {
  let s = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    s = delta[s + (c < ALPHABET ? c : 0)];
    if (s < 0) return i + 1;
  }
  return -1;
}

const SCRATCH_LIMIT = 1 << 20;
const encoder = new TextEncoder();
let scratch = new Uint8Array(64 * 1024);

/**
 * The text as bytes when it is pure ASCII (one byte per character, so indexes agree), else undefined.
 * Texts up to 1 MiB share one buffer: the result is only valid until the next call.
 */
export function asciiBytes(text: string): Uint8Array | undefined {
  if (Buffer.byteLength(text, 'utf8') !== text.length) return undefined;
  let target = scratch;
  if (text.length > target.length) {
    target = new Uint8Array(text.length);
    if (text.length <= SCRATCH_LIMIT) scratch = target;
  }
  encoder.encodeInto(text, target);
  return target;
}
