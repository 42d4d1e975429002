// Keyword prefilter: one DFA (the product of a case-insensitive and a case-sensitive Aho-Corasick automaton)
// reads each character with a single table lookup, so only candidate lines reach the rules, and it reports
// which rule groups a line's keywords belong to, so a line only runs the rules it can trigger. Whole texts go
// through the WebAssembly copy of the loop (prefilter.wat); single lines through the JavaScript one.
import { createHash } from 'node:crypto';
import { PREFILTER_WASM } from './prefilter-wasm';

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
  next: Int32Array;
  /** Group bits of the keywords that end in each state (failure links included). */
  mask: Int32Array;
  /** The symbols each state has a trie edge for: elsewhere its row equals its failure state's. */
  edges: number[][];
  states: number;
}

function build(keywords: { text: string; group: number }[]): Automaton {
  const goto: Map<number, number>[] = [new Map()];
  const mask: number[] = [0];
  for (const { text, group } of keywords) {
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      // after a newline the automaton is back in state 0, so a text can be scanned from any line start
      if (c === 0 || c === 10 || c >= ALPHABET) throw new Error('prefilter keywords must be ASCII, without newlines');
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
  const next = new Int32Array(states * ALPHABET);
  const fail = new Int32Array(states);
  // breadth-first: each row starts as a copy of its failure state's (a native copy, not 128 steps of cold
  // JavaScript per state), then takes the state's own trie edges
  const queue = [0];
  for (let head = 0; head < queue.length; head++) {
    const state = queue[head];
    const row = state * ALPHABET;
    if (state) {
      const failRow = fail[state] * ALPHABET;
      mask[state] |= mask[fail[state]];
      next.copyWithin(row, failRow, failRow + ALPHABET);
    }
    for (const [c, child] of goto[state]) {
      fail[child] = state ? next[fail[state] * ALPHABET + c] : 0;
      next[row + c] = child;
      queue.push(child);
    }
  }
  return { next, mask: Int32Array.from(mask), edges: goto.map((g) => [...g.keys()]), states };
}

/**
 * Built tables kept between processes (the CLI keeps them in a per-user cache: building the config and code
 * automata costs a short scan ~150 ms). `load` returns undefined for anything it cannot vouch for, and neither
 * method throws. Without a store every process builds its own.
 */
export interface PrefilterTableStore {
  load(key: string): PrefilterTables | undefined;
  save(key: string, tables: PrefilterTables): void;
}

export interface PrefilterTables {
  table: Int32Array;
  masks: Uint32Array;
}

let tableStore: PrefilterTableStore | undefined;

/** Sets (or, with undefined, clears) where built prefilter tables are kept. */
export function usePrefilterTableStore(store: PrefilterTableStore | undefined): void {
  tableStore = store;
}

/** Bumped whenever the table layout or its construction changes, so older stored tables are never read. */
const TABLE_FORMAT = 1;

/** The store key of a keyword set: its digest, with the table format. */
export function prefilterTableKey(keywords: readonly Keyword[]): string {
  const canonical = JSON.stringify([TABLE_FORMAT, ALPHABET, keywords.map((k) => [k.text, k.group, k.folded])]);
  return createHash('sha256').update(canonical).digest('hex');
}

/** Whether stored tables have the shape this code builds: whole rows, a mask per state, successors in range. */
function isWellFormed({ table, masks }: PrefilterTables): boolean {
  if (!table.length || table.length !== masks.length * ALPHABET) return false;
  const limit = table.length * 4; // successors are byte offsets of rows
  for (let i = 0; i < table.length; i++) {
    const row = table[i] & STATE;
    if (row >= limit || row % (ALPHABET * 4) !== 0) return false;
  }
  return true;
}

export interface PrefilteredText {
  /** The text as symbols (see `writeSymbols`); valid until the prefilter scans another text. */
  symbols: Uint8Array;
  /**
   * One triple per line holding a keyword, in text order: the offset just past its first keyword, the offset of
   * its end (its newline, or the text's end) and the group mask of all its keywords.
   */
  lines: Int32Array;
}

/** The product DFA's transition table and per-state masks (see KeywordPrefilter). */
function buildTables(keywords: readonly Keyword[]): PrefilterTables {
  const folded = build(keywords.filter((k) => k.folded).map((k) => ({ text: k.text.toLowerCase(), group: k.group })));
  const exact = build(keywords.filter((k) => !k.folded));
  // Product construction over the reachable pairs: one lookup per character instead of two. A state's row
  // equals the row of the state its string minus the first character leads to (`suffix`, built earlier),
  // except at symbols where either component has a trie edge: only those are computed, the rest is copied.
  const ids = new Map<number, number>();
  const pairs: number[] = [];
  const suffix: number[] = [];
  const masks: number[] = [];
  // Room for twice the component states: untouched room costs no memory, while each doubling copied the whole
  // table into fresh pages (on a 2-CPU VM a fresh page costs ~12 µs: 2 MB of growth, ~8 ms per process).
  let table = new Int32Array(2 * (folded.states + exact.states) * ALPHABET);
  const stateOf = (f: number, e: number, from: number): number => {
    const pair = f * exact.states + e;
    let id = ids.get(pair);
    if (id === undefined) {
      id = pairs.length;
      ids.set(pair, id);
      pairs.push(pair);
      suffix.push(from);
      masks.push(folded.mask[f] | exact.mask[e]);
      if (table.length < pairs.length * ALPHABET) {
        const grown = new Int32Array(table.length * 2);
        grown.set(table);
        table = grown;
      }
    }
    return id;
  };
  const entry = (id: number) => (id * ALPHABET * 4) | (masks[id] ? HIT : 0);
  const targetOf = (value: number) => (value & STATE) / (ALPHABET * 4);
  stateOf(0, 0, 0);
  for (let c = 0; c < ALPHABET; c++) {
    const target = stateOf(folded.next[LOWER[c]], exact.next[c], 0);
    table[c] = entry(target);
  }
  for (let id = 1; id < pairs.length; id++) {
    const f = Math.floor(pairs[id] / exact.states);
    const e = pairs[id] % exact.states;
    const row = id * ALPHABET;
    const suffixRow = suffix[id] * ALPHABET;
    table.copyWithin(row, suffixRow, suffixRow + ALPHABET);
    const step = (c: number) => {
      const from = targetOf(table[suffixRow + c]); // the suffix of a state first reached here
      const target = stateOf(folded.next[f * ALPHABET + LOWER[c]], exact.next[e * ALPHABET + c], from);
      table[row + c] = entry(target); // after stateOf, which may have grown the table
    };
    // a component the suffix shares gives the same successors: only the other component's edges differ
    const shared = pairs[suffix[id]];
    if (Math.floor(shared / exact.states) !== f)
      for (const c of folded.edges[f]) {
        step(c);
        if (c >= 97 && c <= 122) step(c - 32); // the upper-case letter folds onto the same edge
      }
    if (shared % exact.states !== e) for (const c of exact.edges[e]) step(c);
  }
  // a view, not a copy into fresh pages
  return { table: table.subarray(0, pairs.length * ALPHABET), masks: Uint32Array.from(masks) };
}

export class KeywordPrefilter {
  /**
   * Successor per (state × ALPHABET + symbol) as the byte offset of its row (state × ALPHABET × 4, the form the
   * WebAssembly loop reads), with HIT set when a keyword ends there.
   */
  private readonly table: Int32Array;
  private readonly masks: Uint32Array;
  private wasm: WasmDfa | undefined;
  private huge: WasmDfa | undefined;

  constructor(keywords: readonly Keyword[]) {
    for (const k of keywords) if (k.group < 0 || k.group > 31) throw new Error('prefilter groups are bits 0–31');
    const key = tableStore && prefilterTableKey(keywords);
    const stored = key ? tableStore?.load(key) : undefined;
    if (stored && isWellFormed(stored)) {
      this.table = stored.table;
      this.masks = stored.masks;
      return;
    }
    ({ table: this.table, masks: this.masks } = buildTables(keywords));
    if (key) tableStore?.save(key, { table: this.table, masks: this.masks });
  }

  /** The candidate lines of a whole text (and its symbols, for `maskOf` on other lines). */
  scan(text: string): PrefilteredText {
    const dfa = text.length > KEEP_LIMIT ? this.hugeTextDfa() : (this.wasm ??= new WasmDfa(this.table, this.masks));
    return dfa.scan(text);
  }

  /**
   * Huge texts get their own instance, so their memory does not stay allocated: it is dropped when the event
   * loop next turns. A synchronous scan of many big files (the CLI) reuses one instead of paging in a fresh
   * table and text area for each.
   */
  private hugeTextDfa(): WasmDfa {
    if (!this.huge) {
      this.huge = new WasmDfa(this.table, this.masks);
      setTimeout(() => (this.huge = undefined), 0).unref?.();
    }
    return this.huge;
  }

  /** The group bits of every keyword occurring in symbols[from, to). */
  maskOf(symbols: Uint8Array, from = 0, to = symbols.length): number {
    const table = this.table;
    const masks = this.masks;
    let row = 0; // the state's row, as an index into table
    let mask = 0;
    for (let i = from; i < to; i++) {
      const next = table[row + symbols[i]];
      row = (next & STATE) >>> 2;
      if (next < 0) mask |= masks[row >>> 7];
    }
    return mask;
  }

  /** `maskOf` for one line (it has its own buffer, so it may run while a text's symbols are in use). */
  maskOfLine(line: string): number {
    const symbols = lineScratch.take(line.length);
    writeSymbols(line, symbols);
    return this.maskOf(symbols);
  }

  test(line: string): boolean {
    return this.maskOfLine(line) !== 0;
  }
}

const OUTPUT_LINES = 4096; // lines each half reports per call into WebAssembly
const KEEP_LIMIT = 1 << 20; // characters

interface DfaExports {
  memory: WebAssembly.Memory;
  masks: WebAssembly.Global;
  outA: WebAssembly.Global;
  outB: WebAssembly.Global;
  capacity: WebAssembly.Global;
  countA: WebAssembly.Global;
  countB: WebAssembly.Global;
  start(base: number, pa: number, ea: number, pb: number, eb: number): void;
  run(): number;
}

let wasmModule: WebAssembly.Module | undefined;

/** An instance of prefilter.wat holding one transition table; the text's symbols go after its output areas. */
class WasmDfa {
  private readonly exports: DfaExports;
  private readonly symbolsAt: number;
  // reused from text to text (a scan of many small files allocates nothing per file); `lines` is valid until
  // the next scan, as `symbols` is
  private words = new Int32Array(0);
  private readonly firstHalf = new Triples();
  private readonly secondHalf = new Triples();

  constructor(table: Int32Array, masks: Uint32Array) {
    wasmModule ??= new WebAssembly.Module(Buffer.from(PREFILTER_WASM, 'base64'));
    this.exports = new WebAssembly.Instance(wasmModule).exports as unknown as DfaExports;
    const masksAt = table.byteLength;
    const outA = masksAt + masks.byteLength;
    const outB = outA + OUTPUT_LINES * 12;
    this.symbolsAt = outB + OUTPUT_LINES * 12;
    this.reserve(0);
    const buffer = this.exports.memory.buffer;
    new Int32Array(buffer, 0, table.length).set(table);
    new Uint32Array(buffer, masksAt, masks.length).set(masks);
    this.exports.masks.value = masksAt;
    this.exports.outA.value = outA;
    this.exports.outB.value = outB;
    this.exports.capacity.value = OUTPUT_LINES;
  }

  private reserve(length: number): void {
    const memory = this.exports.memory;
    const missing = this.symbolsAt + length - memory.buffer.byteLength;
    if (missing > 0) memory.grow(Math.ceil(missing / 65536));
  }

  scan(text: string): PrefilteredText {
    this.reserve(text.length);
    const { exports, symbolsAt: at } = this;
    const buffer = exports.memory.buffer;
    const symbols = new Uint8Array(buffer, at, text.length);
    writeSymbols(text, symbols);
    // the two halves run in lockstep; the second starts at a line start
    const middle = text.indexOf('\n', text.length >> 1) + 1 || text.length;
    exports.start(at, at, at + middle, at + middle, at + text.length);
    if (this.words.buffer !== buffer) this.words = new Int32Array(buffer); // memory.grow replaced the buffer
    const { words, firstHalf: lines, secondHalf } = this;
    lines.reset();
    secondHalf.reset();
    for (let more = 1; more;) {
      more = exports.run();
      lines.add(words, (exports.outA.value as number) >> 2, exports.countA.value as number);
      secondHalf.add(words, (exports.outB.value as number) >> 2, exports.countB.value as number);
    }
    lines.append(secondHalf);
    return { symbols, lines: lines.done() };
  }
}

const NO_TRIPLES = new Int32Array(0);
const KEPT_TRIPLES = 3 * 16_384;

/** A growing Int32Array of (offset, line end, mask) triples: copied in blocks, not pushed number by number. */
class Triples {
  private data = NO_TRIPLES; // most texts of a scan have no candidate line: allocate on the first one
  private length = 0;
  /** Empties it for the next text, keeping its array unless a huge text grew it. */
  reset(): void {
    this.length = 0;
    if (this.data.length > KEPT_TRIPLES) this.data = NO_TRIPLES;
  }
  add(words: Int32Array, from: number, count: number): void {
    if (count) this.copy(words.subarray(from, from + count * 3)); // most small texts have no candidate line
  }
  append(other: Triples): void {
    if (other.length) this.copy(other.data.subarray(0, other.length));
  }
  done(): Int32Array {
    return this.data.subarray(0, this.length);
  }
  private copy(block: Int32Array): void {
    if (this.length + block.length > this.data.length) {
      const grown = new Int32Array(Math.max(this.data.length * 2, this.length + block.length, 96));
      grown.set(this.data.subarray(0, this.length));
      this.data = grown;
    }
    this.data.set(block, this.length);
    this.length += block.length;
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
const lineScratch = new Scratch(4096, 64 * 1024);

/**
 * Writes the text as prefilter symbols, one per UTF-16 unit so indexes agree: ASCII characters as themselves,
 * any other as 0 (no keyword contains it). Reading a byte array is several times faster than `charCodeAt`.
 */
export function writeSymbols(text: string, symbols: Uint8Array): void {
  const { read, written } = encoder.encodeInto(text, symbols);
  if (read === text.length && written === text.length) return; // pure ASCII: one byte per character
  // latin1 keeps one byte per UTF-16 unit (the low byte); runs of non-ASCII characters then become 0
  Buffer.from(symbols.buffer, symbols.byteOffset, symbols.length).write(text, 0, text.length, 'latin1');
  NON_ASCII.lastIndex = 0;
  for (let m = NON_ASCII.exec(text); m; m = NON_ASCII.exec(text)) symbols.fill(0, m.index, m.index + m[0].length);
}
