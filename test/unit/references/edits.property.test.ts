// Property tests with a seeded generator (the project has no fast-check): references survive edits above,
// below and between them (positions shift by the inserted lines, ids and keys unchanged), and updating one
// file leaves every other file's entries untouched.
import { strict as assert } from 'node:assert';
import { findReferences, ReferenceIndex, type SecretReference } from '../../../src/core/references/index';
import { seeded as random } from '../../support/synthetic';

const envMap = { DB_URL: 'prod/db#url', TOKEN: 'prod/token' };
const arn = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:';

/** One line holding one reference to `name` (as a generator of every kind a single line can hold). */
const REFERENCE_LINES: Array<(name: string) => string> = [
  (n) => `  const a = await getSecret('${n}', 'key');`,
  (n) => `  v = get_secret("${n}")`,
  (n) => `  client.send(new GetSecretValueCommand({ SecretId: '${n}' }));`,
  (n) => `  Password: '{{resolve:secretsmanager:${n}:SecretString:pw}}'`,
  (n) => `  "valueFrom": "${arn}${n}-Ab12Cd:key::"`,
  () => '  const url = process.env.DB_URL;',
  () => "  const t = os.environ['TOKEN']",
];

function fillerLine(next: () => number): string {
  const alphabet = 'abcdefghij klmnop(){}=;.,:0123456789';
  for (;;) {
    let line = '';
    const length = Math.floor(next() * 40);
    for (let i = 0; i < length; i++) line += alphabet[Math.floor(next() * alphabet.length)];
    if (findReferences(line, 'x.ts', { envMap }).length === 0) return line;
  }
}

const summary = (refs: readonly SecretReference[]) => refs.map((r) => [r.secretId, r.kind, r.jsonKey, r.length]);

describe('references: property — edits around references', () => {
  it('keeps ids and shifts lines by what was inserted above, over 200 random files and edits', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const next = random(seed);
      const lines: string[] = [];
      const count = 1 + Math.floor(next() * 6);
      for (let i = 0; i < count; i++) {
        for (let f = Math.floor(next() * 3); f > 0; f--) lines.push(fillerLine(next));
        const make = REFERENCE_LINES[Math.floor(next() * REFERENCE_LINES.length)];
        lines.push(make(`app/s${seed}-${i}`));
      }
      const before = findReferences(lines.join('\n'), 'x.ts', { envMap });
      assert.equal(before.length, count, `seed ${seed}: one reference per reference line`);

      // insert 1-5 lines at a random place (above, between or below the references)
      const at = Math.floor(next() * (lines.length + 1));
      const inserted = Array.from({ length: 1 + Math.floor(next() * 5) }, () => fillerLine(next));
      const edited = [...lines.slice(0, at), ...inserted, ...lines.slice(at)];
      const after = findReferences(edited.join('\n'), 'x.ts', { envMap });
      assert.deepEqual(summary(after), summary(before), `seed ${seed}: same references`);
      after.forEach((r, i) => {
        const shift = before[i].line >= at ? inserted.length : 0;
        assert.equal(r.line, before[i].line + shift, `seed ${seed}: line of reference ${i}`);
        assert.equal(r.character, before[i].character, `seed ${seed}: character of reference ${i}`);
      });

      // and deleting filler (never a reference line) undoes the shift
      const restored = findReferences(lines.join('\n'), 'x.ts', { envMap });
      assert.deepEqual(restored, before);
    }
  });

  it('updates one file only: every other file keeps the very same entries, over 100 random edit sequences', () => {
    for (let seed = 1; seed <= 100; seed++) {
      const next = random(seed * 7919);
      const index = new ReferenceIndex({ envMap });
      const files = Array.from({ length: 5 }, (_, f) => `src/f${f}.ts`);
      for (const path of files) index.update(path, REFERENCE_LINES[0](`${path}/init`));
      for (let step = 0; step < 10; step++) {
        const target = files[Math.floor(next() * files.length)];
        const snapshot = new Map(files.map((p) => [p, index.referencesIn(p)]));
        const text = [fillerLine(next), REFERENCE_LINES[Math.floor(next() * 5)](`${target}/v${step}`)].join('\n');
        if (next() < 0.2) index.remove(target);
        else index.update(target, text);
        for (const path of files) {
          if (path !== target)
            assert.equal(index.referencesIn(path), snapshot.get(path), `seed ${seed}: ${path} untouched`);
        }
        // the lookup by secret agrees with the per-file entries after every step
        for (const path of files) {
          for (const r of index.referencesIn(path)) assert.ok(index.referencesTo(r.secretId).includes(r));
        }
        assert.equal(
          index.all().length,
          files.reduce((n, p) => n + index.referencesIn(p).length, 0),
        );
      }
    }
  });
});
