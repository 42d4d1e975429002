import { strict as assert } from 'node:assert';
import { identifierBefore, literalsOf, withoutStringPrefix } from '../../../src/core/detection/context';
import { KeywordPrefilter, type Keyword } from '../../../src/core/detection/prefilter';
import { seeded } from '../../support/synthetic';

// The fast paths are checked against the obvious implementations on random text made of keyword fragments.
const KEYWORDS: Keyword[] = [
  { text: 'key', group: 0, folded: true },
  { text: 'pass', group: 0, folded: true },
  { text: 'pw', group: 1, folded: true },
  { text: 'SK', group: 2, folded: false },
  { text: 'AKIA', group: 3, folded: false },
  { text: 'ASIA', group: 3, folded: false },
  { text: 'sk_live_', group: 4, folded: false },
  { text: '://', group: 5, folded: true },
  { text: 'password=', group: 6, folded: true },
  { text: 'k', group: 7, folded: false },
];
const PIECES = [
  'r',
  'b#',
  '#',
  '@',
  '$',
  '(',
  '9',
  '_a',
  '\u00a0',
  '\t',
  'key',
  'KEY',
  'Ke',
  'pa',
  'ss',
  'PW',
  'p',
  'w',
  'S',
  'K',
  'AKI',
  'A',
  'ASI',
  'sk_',
  'live_',
  ':/',
  '/',
  'password',
  '=',
  ' ',
  '\n',
  'é',
  '\u212a',
  '日本',
  'x',
  '"',
  "'",
  '`',
  '\\',
];

function randomText(rand: () => number, length: number): string {
  let text = '';
  while (text.length < length) text += PIECES[Math.floor(rand() * PIECES.length)];
  return text;
}

function naiveMask(text: string, keywords = KEYWORDS): number {
  let mask = 0;
  for (const k of keywords) {
    const haystack = k.folded ? text.replace(/[A-Z]/g, (c) => c.toLowerCase()) : text;
    if (haystack.includes(k.folded ? k.text.toLowerCase() : k.text)) mask |= 1 << k.group;
  }
  return mask;
}

function naiveFirstEnd(text: string, from: number): number {
  let best = -1;
  for (const k of KEYWORDS) {
    const haystack = k.folded ? text.replace(/[A-Z]/g, (c) => c.toLowerCase()) : text;
    const at = haystack.indexOf(k.folded ? k.text.toLowerCase() : k.text, from);
    if (at >= 0 && (best < 0 || at + k.text.length < best)) best = at + k.text.length;
  }
  return best;
}

/** [end of first keyword, line end, mask] for each line holding a keyword. */
function naiveLines(text: string): number[] {
  const out: number[] = [];
  let lineStart = 0;
  for (const line of text.split('\n')) {
    const end = naiveFirstEnd(line, 0);
    if (end >= 0) out.push(lineStart + end, lineStart + line.length, naiveMask(line));
    lineStart += line.length + 1;
  }
  return out;
}

/** The character-by-character scanner literalsOf replaced. */
function naiveLiterals(line: string) {
  const out: { quoteAt: number; start: number; end: number; quote: string }[] = [];
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c !== 34 && c !== 39 && c !== 96) continue;
    let j = i + 1;
    while (j < line.length && line.charCodeAt(j) !== c) j += line.charCodeAt(j) === 92 ? 2 : 1;
    if (j >= line.length) continue;
    out.push({ quoteAt: i, start: i + 1, end: j, quote: line[i] });
    i = j;
  }
  return out;
}

describe('keyword prefilter', () => {
  const prefilter = new KeywordPrefilter(KEYWORDS);

  it('reports exactly the groups whose keywords occur, on strings and on ASCII bytes', () => {
    const rand = seeded(7);
    for (let n = 0; n < 3000; n++) {
      const text = randomText(rand, 1 + Math.floor(rand() * 40));
      const expected = naiveMask(text);
      assert.equal(prefilter.maskOfLine(text), expected, JSON.stringify(text));
      assert.equal(prefilter.maskOf(prefilter.scan(text).symbols), expected, JSON.stringify(text));
    }
  });

  it('lists each line holding a keyword: the end of its earliest-ending keyword, its end, its groups', () => {
    const rand = seeded(8);
    // long texts too: the WebAssembly loop runs two halves at once and reports a few thousand lines per call
    const lengths = [0, 1, 2, 5, 80, 80, 80, 300, 5000];
    for (let n = 0; n < 2000; n++) {
      const text = randomText(rand, n < 5 ? 200_000 : lengths[n % lengths.length]);
      assert.deepEqual(
        Array.from(prefilter.scan(text).lines),
        naiveLines(text),
        text.length > 500 ? `${text.length} chars` : JSON.stringify(text),
      );
    }
  });

  it('reports any number of lines (thousands per call), also for a text over 1 MiB (its own instance)', () => {
    const many = 'x = 1\nkey = 2\n';
    for (const text of [many.repeat(20_000), many.repeat(Math.ceil((1 << 20) / many.length) + 1)]) {
      assert.deepEqual(Array.from(prefilter.scan(text).lines), naiveLines(text), `${text.length} chars`);
    }
    assert.deepEqual(Array.from(prefilter.scan('a\npw').lines), [4, 4, 1 << 1], 'still right after a huge text');
  });

  it('scans huge texts in a row on one instance, right each time, and lets it go when the event loop turns', async () => {
    const fresh = new KeywordPrefilter(KEYWORDS);
    const instance = () => (fresh as unknown as { huge?: object }).huge;
    const big = 'x = 1\n'.repeat(200_000);
    const first = `${big}KEY = 2\n${big}pw\n`;
    const second = `${big}${big}y = 3\nkey = 4\n`;
    assert.deepEqual(Array.from(fresh.scan(first).lines), naiveLines(first));
    const kept = instance();
    assert.ok(kept, 'a huge text has its instance');
    assert.deepEqual(Array.from(fresh.scan(second).lines), naiveLines(second));
    assert.equal(instance(), kept, 'the next huge text reuses it');
    await new Promise((resolve) => setTimeout(resolve, 5));
    assert.equal(instance(), undefined, 'nothing holds it after the scan');
  });

  it('reads one symbol per UTF-16 unit: ASCII as itself, anything else as 0', () => {
    const symbolsOf = (text: string) => [...prefilter.scan(text).symbols];
    assert.deepEqual(symbolsOf('ab=c'), [97, 98, 61, 99]);
    assert.deepEqual(symbolsOf('naïve'), [110, 97, 0, 118, 101]);
    assert.deepEqual(symbolsOf('k\u{1f511}y'), [107, 0, 0, 121]);
    assert.deepEqual(symbolsOf('\u0141Ka'), [0, 75, 97], 'a character whose low byte is ASCII is still 0');
  });

  it('builds the same automaton for random keyword sets, folded and exact overlapping (hundreds of states)', () => {
    // the product automaton copies each row from the state of its string minus the first character and
    // recomputes only where a trie edge differs: random overlapping sets check that shortcut against the naive
    const rand = seeded(12);
    const letters = 'abkAK_:1';
    const word = (length: number) =>
      Array.from({ length }, () => letters[Math.floor(rand() * letters.length)]).join('');
    for (let set = 0; set < 40; set++) {
      const keywords: Keyword[] = Array.from({ length: 5 + Math.floor(rand() * 120) }, () => ({
        text: word(1 + Math.floor(rand() * 7)),
        group: Math.floor(rand() * 32),
        folded: rand() < 0.5,
      }));
      const random = new KeywordPrefilter(keywords);
      for (let n = 0; n < 200; n++) {
        const text = Array.from({ length: Math.floor(rand() * 30) }, () => word(1) + (rand() < 0.1 ? 'é' : '')).join(
          '',
        );
        assert.equal(random.maskOfLine(text), naiveMask(text, keywords), `${JSON.stringify(keywords)} ${text}`);
      }
    }
  });

  it('refuses non-ASCII keywords and group numbers outside a 32-bit mask', () => {
    assert.throws(() => new KeywordPrefilter([{ text: 'clé', group: 0, folded: true }]), /ASCII/);
    assert.throws(() => new KeywordPrefilter([{ text: 'a\nb', group: 0, folded: true }]), /newlines/);
    assert.throws(() => new KeywordPrefilter([{ text: 'key', group: 32, folded: true }]), /0–31/);
  });
});

describe('string literals of a line', () => {
  it('agrees with a character-by-character scan (escapes, unterminated quotes, apostrophes)', () => {
    const rand = seeded(9);
    for (let n = 0; n < 5000; n++) {
      const line = randomText(rand, Math.floor(rand() * 50)).replace(/\n/g, '');
      assert.deepEqual(literalsOf(line), naiveLiterals(line), JSON.stringify(line));
    }
  });
});

describe('hand-written scans that replaced end-anchored regexes', () => {
  it('drop a string prefix exactly like /[rRbBuUfF@$]{1,2}#*$/', () => {
    const rand = seeded(10);
    for (let n = 0; n < 5000; n++) {
      const text = randomText(rand, Math.floor(rand() * 12));
      assert.equal(withoutStringPrefix(text), text.replace(/[rRbBuUfF@$]{1,2}#*$/, ''), JSON.stringify(text));
    }
  });

  it('find the callee exactly like /([A-Za-z_$][\\w$]*)\\s*$/', () => {
    const rand = seeded(11);
    for (let n = 0; n < 5000; n++) {
      const text = randomText(rand, Math.floor(rand() * 16));
      const expected = /([A-Za-z_$][\w$]*)\s*$/.exec(text)?.[1];
      assert.equal(identifierBefore(text, text.length), expected, JSON.stringify(text));
    }
  });
});
