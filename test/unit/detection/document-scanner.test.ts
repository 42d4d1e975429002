import { strict as assert } from 'node:assert';
import { DocumentScanner, scanText, type TextChange } from '../../../src/core/detection/index';
import { loadCorpus } from '../../support/detection-corpus';
import { seeded, Synthetic } from '../../support/synthetic';

function lineCol(text: string, offset: number) {
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

function change(text: string, from: number, to: number, insert: string): TextChange {
  return { range: { start: lineCol(text, from), end: lineCol(text, to) }, text: insert };
}

describe('DocumentScanner (incremental)', () => {
  const gen = new Synthetic(23);

  function document(): string {
    const key = gen.privateKey();
    return [
      `import os`,
      `API_KEY = "${gen.apiKey()}"`,
      `# secrets-workbench:ignore-next-line`,
      `password = "${gen.password()}"`,
      `TOKEN = os.environ["TOKEN"]`,
      `signing_key = """${key.join('\n')}"""`,
      `aws_access_key_id = "${gen.awsKeyId()}"`,
      `aws_secret_access_key = "${gen.awsSecret()}"`,
      `const apiKey =`,
      `  '${gen.apiKey()}';`,
      `url = "postgres://app:${gen.password()}@db:5432/app"`,
    ].join('\n');
  }

  it('matches a full scan after every edit of a random edit sequence', () => {
    const rand = seeded(99);
    const pieces = [
      'x',
      '\n',
      '"',
      'password = "',
      gen.apiKey(),
      '-----END RSA PRIVATE KEY-----',
      '# nosec',
      ' = ',
      '',
    ];
    let text = document();
    const scanner = new DocumentScanner(text, { path: 'app.py' });
    assert.deepEqual(scanner.result(), scanText(text, { path: 'app.py' }));
    for (let step = 0; step < 300; step++) {
      const from = Math.floor(rand() * (text.length + 1));
      const to = Math.min(text.length, from + (rand() < 0.5 ? 0 : Math.floor(rand() * 40)));
      const insert = pieces[Math.floor(rand() * pieces.length)];
      const edit = change(text, from, to, insert);
      text = text.slice(0, from) + insert + text.slice(to);
      const incremental = scanner.update([edit]);
      assert.equal(scanner.text, text);
      assert.deepEqual(incremental, scanText(text, { path: 'app.py' }), `diverged at step ${step}`);
    }
  });

  it('tracks a private key block when its END line is broken and restored', () => {
    const text = document();
    const scanner = new DocumentScanner(text, { path: 'app.py' });
    const count = (id: string) => scanner.result().findings.filter((f) => f.ruleId === id).length;
    assert.equal(count('private-key'), 1);
    const endAt = text.indexOf('-----END RSA');
    scanner.update([change(text, endAt, endAt + 5, '')]);
    assert.equal(count('private-key'), 0);
    const broken = scanner.text;
    scanner.update([change(broken, endAt, endAt, '-----')]);
    assert.equal(count('private-key'), 1);
    assert.equal(scanner.text, text);
  });

  it('re-evaluates the next line when an ignore-next-line marker is removed', () => {
    const text = document();
    const scanner = new DocumentScanner(text, { path: 'app.py' });
    const passwordLine = () => scanner.result().findings.some((f) => f.ruleId === 'generic-password');
    assert.equal(passwordLine(), false);
    const at = text.indexOf('# secrets-workbench:ignore-next-line');
    scanner.update([change(text, at, at + '# secrets-workbench:ignore-next-line'.length, '# nothing')]);
    assert.equal(passwordLine(), true);
  });

  it('follows a secrets-workbench:ignore-file directive as it is typed and removed', () => {
    let text = document();
    const scanner = new DocumentScanner(text, { path: 'app.py' });
    const before = scanner.result().findings.length;
    assert.ok(before > 0);
    const directive = '# secrets-workbench:ignore-file generic-api-key\n';
    scanner.update([change(text, 0, 0, directive)]);
    text = directive + text;
    assert.deepEqual(scanner.result(), scanText(text, { path: 'app.py' }));
    assert.ok(!scanner.result().findings.some((f) => f.ruleId === 'generic-api-key'));
    assert.ok(scanner.result().findings.length > 0 && scanner.result().findings.length < before);
    scanner.update([change(text, 0, directive.length, '')]);
    assert.equal(scanner.result().findings.length, before);
  });

  it('opens every corpus file (LF and CRLF) with the same findings as a full scan', () => {
    // the opening scan only visits the prefilter's candidate lines and their continuations
    let findings = 0;
    for (const f of loadCorpus().files) {
      for (const text of [f.text, f.text.replace(/\n/g, '\r\n')]) {
        // `dropped` (documented examples, for the CLI's verbose output) is only collected by scanText
        const { dropped: _dropped, ...expected } = scanText(text, { path: f.file });
        assert.deepEqual(new DocumentScanner(text, { path: f.file }).result(), expected, f.file);
        findings += expected.findings.length;
      }
    }
    assert.ok(findings > 900, `${findings} findings compared`);
  });

  it('handles CRLF documents like a full scan', () => {
    const text = document().replace(/\n/g, '\r\n');
    const scanner = new DocumentScanner(text, { path: 'app.py' });
    assert.deepEqual(scanner.result(), scanText(text, { path: 'app.py' }));
    assert.ok(scanner.result().findings.length >= 6);
  });
});
