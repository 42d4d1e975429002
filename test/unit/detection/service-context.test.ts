// Issue #18: a service's name as credential context (service-names.ts, names.ts, free-text.ts). Every case has a
// negative twin: the same line with a placeholder, an identifier, a cursor, a lookup key, or an English word as
// the service. Values are synthetic, generated at run time.
import { strict as assert } from 'node:assert';
import { DocumentScanner, explainSignals, scanText, type Finding } from '../../../src/core/detection/index';
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
    path: 'config.json',
    positive: '{"auth": {"notion_api": "$V"}}',
    negative: '{"auth": {"notion": "$V"}}',
    value: () => gen.mixed(32),
  },
  {
    name: 'free text: Using <service> key: …',
    path: 'app.log',
    positive: '[DEBUG] Using abyssale key: $V',
    negative: '[DEBUG] Using abyssale key: ABYSSALE_KEY_PLACEHOLDER_VALUE',
    value: () => hex(32),
  },
  {
    name: 'free text: <service> api token …',
    path: 'notes.txt',
    positive: 'the censys api token $V was rotated',
    negative: 'the censys api token getCensysApiTokenFromStore was rotated',
    value: () => gen.mixed(32),
  },
  {
    name: 'free text: the service name directly before a value',
    path: 'notes.txt',
    positive: 'abyssale $V',
    negative: 'abyssale getUserAccountSettingsHandler',
    value: () => hex(32),
  },
  {
    name: 'free text: a common word is not a service without a credential word',
    path: 'notes.txt',
    positive: 'Using the notion key: $V',
    negative: 'Using the notion $V',
    value: () => gen.mixed(32),
  },
  {
    name: 'free text: a git commit id after a service name is not a key',
    path: 'NOTES.md',
    positive: 'Deployed with betterstack $V today',
    negative: 'Merged upstream via betterstack 0a1b2c3d4e5f60718293a4b5c6d7e8f901234567 today',
    value: () => gen.mixed(32),
  },
  {
    name: 'a log line: Key=… after a line naming the service',
    path: 'app.log',
    positive: '[INFO] Sending request to the Censys API\n[DEBUG] Using Key=$V',
    negative: '[INFO] Sending request to the server\n[DEBUG] Using Key=$V',
    value: () => gen.mixed(32),
  },
  {
    name: 'a log line: token: … on a line naming an API',
    path: 'app.log',
    positive: '2024-05-01 [DEBUG] API call with token: $V',
    negative: '2024-05-01 [DEBUG] API call with nextPageToken: $V',
    value: () => gen.mixed(32),
  },
  {
    name: 'a log line: a credential key, not a lookup key or a GPG key',
    path: 'app.log',
    positive: '[INFO] Sending request to the Censys API\n[DEBUG] API key: $V',
    negative: '[INFO] Sending request to the Censys API\n[DEBUG] cache key=$V\n[DEBUG] Release GPG key: $V',
    value: () => gen.mixed(32),
  },
  {
    name: 'in code, a log message with the label and the value in one string literal',
    path: 'client.ts',
    positive: 'log.info("Using abyssale key: $V");',
    negative: 'const label = "Using abyssale key:"; const id = "$V";',
    value: () => hex(32),
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

  it('explains what named the value: the service before it, or the service on the line before', () => {
    const value = gen.mixed(32);
    const [direct] = scanText(`[DEBUG] Using abyssale key: ${value}`, { path: 'app.log' }).findings;
    assert.equal(direct.signals.vendor, 'abyssale');
    assert.match(explainSignals(direct), /next to the vendor name "abyssale"/);
    const text = `[INFO] Sending request to the Censys API\n[DEBUG] Using Key=${value}`;
    const [nearby] = scanText(text, { path: 'app.log' }).findings;
    assert.deepEqual([nearby.signals.vendor, nearby.signals.nearby], ['censys', 'previous-line']);
    assert.match(explainSignals(nearby), /the vendor "censys" named on the line before/);
    assert.ok(!explainSignals(nearby).includes(value));
    const [api] = scanText(`[DEBUG] API call with token: ${value}`, { path: 'app.log' }).findings;
    assert.match(explainSignals(api), /an API named on its line/);
  });

  it('the editor finds the same, and drops the finding when the line before stops naming the service', () => {
    const text = `[INFO] Sending request to the Censys API\n[DEBUG] Using Key=${gen.mixed(32)}`;
    const doc = new DocumentScanner(text, { path: 'app.log' });
    assert.deepEqual(
      doc.result().findings.map((f) => [f.ruleId, f.range]),
      scanText(text, { path: 'app.log' }).findings.map((f) => [f.ruleId, f.range]),
    );
    const edited = doc.update([
      { range: { start: { line: 0, character: 29 }, end: { line: 0, character: 41 } }, text: 'server' },
    ]);
    assert.deepEqual(edited.findings, []);
  });

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
