// Issue #18: a service's name as credential context (service-names.ts, names.ts). Every case has a negative
// twin: the same line with a placeholder, an identifier, or an English word as the service. Values are
// synthetic, generated at run time.
import { strict as assert } from 'node:assert';
import { scanText, type Finding } from '../../../src/core/detection/index';
import { serviceKind, SERVICES } from '../../../src/core/detection/names';
import { AMBIGUOUS_SERVICE_NAMES, SERVICE_NAMES } from '../../../src/core/detection/service-names';
import { Synthetic } from '../../support/synthetic';

const gen = new Synthetic(2718);
const hex = (n: number) => gen.chars('0123456789abcdef', n);
const valueOf = (text: string, f: Finding) => text.slice(f.range.start.offset, f.range.end.offset);

interface Case {
  name: string;
  path: string;
  /** Text with `$V` where the planted value goes. */
  positive: string;
  negative: string;
  value: () => string;
}

const cases: Case[] = [
  {
    name: 'a JSON key that is just the service',
    path: 'config.json',
    positive: '{"ambee": "$V"}',
    negative: '{"square": "$V"}',
    value: () => hex(64),
  },
  {
    name: 'a JSON key that is just the service, with a placeholder',
    path: 'config.json',
    positive: '{"ambee": "$V"}',
    negative: '{"ambee": "YOUR_AMBEE_API_KEY_GOES_HERE"}',
    value: () => hex(64),
  },
  {
    name: 'service + API (SERVICE_API=…)',
    path: '.env',
    positive: 'AMBEE_API=$V',
    negative: 'AMBEE_API=getAmbeeApiClientFactory',
    value: () => gen.mixed(32),
  },
  {
    name: 'service + key in one word (ambeekey: …), not a word that ends in "key"',
    path: 'settings.yaml',
    positive: 'ambeekey: $V',
    negative: 'monkey: $V',
    value: () => gen.mixed(32),
  },
  {
    name: 'an ambiguous service name counts only with a credential word',
    path: '.env',
    positive: 'NOTION_API=$V',
    negative: 'NOTION=$V',
    value: () => gen.mixed(32),
  },
];

describe('service names as credential context (#18)', () => {
  for (const c of cases) {
    it(c.name, () => {
      const value = c.value();
      const positive = c.positive.replace('$V', value);
      const found = scanText(positive, { path: c.path }).findings.filter((f) => valueOf(positive, f) === value);
      assert.equal(found.length, 1, `missed in ${positive}`);
      assert.equal(found[0].level, 'warning', 'context-only findings stay warnings');
      assert.ok(!found[0].title.includes(value), 'the title never holds the value');
      const negative = c.negative.replaceAll('$V', value);
      const twin = scanText(negative, { path: c.path }).findings;
      assert.deepEqual(
        twin.map((f) => `${f.ruleId} ${f.title}`),
        [],
        'the negative twin fired',
      );
    });
  }

  it('the service list: lower-case single words, no duplicates, common words only in the ambiguous list', () => {
    for (const list of [SERVICE_NAMES, AMBIGUOUS_SERVICE_NAMES]) {
      assert.equal(new Set(list).size, list.length);
      for (const name of list) assert.match(name, /^[a-z][a-z0-9]*$/);
    }
    assert.ok(SERVICE_NAMES.length >= 300);
    assert.deepEqual(
      SERVICE_NAMES.filter((n) => AMBIGUOUS_SERVICE_NAMES.includes(n)),
      [],
    );
    for (const word of ['box', 'square', 'close', 'front', 'linear', 'notion', 'mux', 'buddy', 'sugar', 'salt']) {
      assert.equal(SERVICES.has(word), false, word);
      assert.equal(serviceKind(word), 'ambiguous', word);
    }
    assert.equal(serviceKind('ambee'), 'service');
    assert.equal(serviceKind('server'), undefined);
  });
});
