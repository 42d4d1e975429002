// Keyword prefilter: two Aho-Corasick automata (case-insensitive context keywords, case-sensitive provider
// prefixes) run in one pass, one table lookup each per character, so only candidate lines reach the rules.

const ALPHABET = 128; // keywords are ASCII; any other character is symbol 0 (never part of a keyword); 2^7, see >>> 7

const LOWER = new Uint8Array(ALPHABET);
for (let c = 0; c < ALPHABET; c++) LOWER[c] = c >= 65 && c <= 90 ? c + 32 : c;

interface Automaton {
  delta: Uint32Array;
  accepting: Uint8Array;
}

function build(keywords: string[]): Automaton {
  const goto: Map<number, number>[] = [new Map()];
  const accepting: number[] = [0];
  for (const keyword of keywords) {
    let state = 0;
    for (let i = 0; i < keyword.length; i++) {
      const c = keyword.charCodeAt(i);
      if (c === 0 || c >= ALPHABET) throw new Error('prefilter keywords must be ASCII');
      let next = goto[state].get(c);
      if (next === undefined) {
        next = goto.length;
        goto.push(new Map());
        accepting.push(0);
        goto[state].set(c, next);
      }
      state = next;
    }
    accepting[state] = 1;
  }
  const states = goto.length;
  const delta = new Uint32Array(states * ALPHABET);
  const fail = new Uint32Array(states);
  // breadth-first: complete the transition table with failure links
  const queue: number[] = [];
  for (let c = 0; c < ALPHABET; c++) {
    const next = goto[0].get(c) ?? 0;
    delta[c] = next;
    if (next) queue.push(next);
  }
  for (let head = 0; head < queue.length; head++) {
    const state = queue[head];
    if (accepting[fail[state]]) accepting[state] = 1;
    for (let c = 0; c < ALPHABET; c++) {
      const next = goto[state].get(c);
      if (next !== undefined) {
        fail[next] = delta[fail[state] * ALPHABET + c];
        delta[state * ALPHABET + c] = next;
        queue.push(next);
      } else {
        delta[state * ALPHABET + c] = delta[fail[state] * ALPHABET + c];
      }
    }
  }
  // store successors pre-multiplied by ALPHABET so the scan loop does one add per lookup
  for (let i = 0; i < delta.length; i++) delta[i] *= ALPHABET;
  return { delta, accepting: Uint8Array.from(accepting) };
}

export class KeywordPrefilter {
  private readonly folded: Automaton;
  private readonly exact: Automaton;

  constructor(caseInsensitive: string[], caseSensitive: string[]) {
    this.folded = build(caseInsensitive.map((k) => k.toLowerCase()));
    this.exact = build(caseSensitive);
  }

  /** Index just past the first keyword occurrence at or after `from` (before `to`), or -1. */
  find(text: string, from = 0, to = text.length): number {
    const fd = this.folded.delta;
    const fa = this.folded.accepting;
    const ed = this.exact.delta;
    const ea = this.exact.accepting;
    let fs = 0;
    let es = 0;
    for (let i = from; i < to; i++) {
      let c = text.charCodeAt(i);
      if (c >= ALPHABET) c = 0;
      fs = fd[fs + LOWER[c]];
      es = ed[es + c];
      if (fa[fs >>> 7] | ea[es >>> 7]) return i + 1;
    }
    return -1;
  }

  test(line: string): boolean {
    return this.find(line) >= 0;
  }

  /** Whether a case-sensitive (provider prefix) keyword occurs in `line`. */
  testExact(line: string): boolean {
    const ed = this.exact.delta;
    const ea = this.exact.accepting;
    let es = 0;
    for (let i = 0; i < line.length; i++) {
      let c = line.charCodeAt(i);
      if (c >= ALPHABET) c = 0;
      es = ed[es + c];
      if (ea[es >>> 7]) return true;
    }
    return false;
  }
}
