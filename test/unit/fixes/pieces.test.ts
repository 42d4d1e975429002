import assert from 'node:assert/strict';
import { parse } from '@babel/parser';
import {
  applyEdits,
  findingValue,
  fixLanguageFor,
  moduleFormatFor,
  relatedGroup,
  suggestSecretName,
  suppressionEdit,
  type FixFinding,
} from '../../../src/core/fixes/index';
import { awaitScopeAt } from '../../../src/core/fixes/generators/javascript';
import { fileSuppressions, isSuppressedInFile } from '../../../src/core/detection/file-directive';
import { secretNameProblem } from '../../../src/core/store/validation';
import { locateFinding } from './fixture-cases';
import { groupingAwsKeyPair } from '../../fixtures/synthetic-credentials';

const { keyId, secretKey } = groupingAwsKeyPair;

const find = (
  text: string,
  value: string,
  name?: string,
  ruleId = 'generic-password',
  extra: Partial<FixFinding> = {},
) => ({
  ...locateFinding(text, { value, name, ruleId }, 0),
  id: value,
  ...extra,
});

describe('fix pieces: secret names', () => {
  it('follows <project>/<env>/<purpose>, the environment taken from the path', () => {
    const cases: Array<[string, string, string, string]> = [
      ['billing', 'src/config.ts', 'DB_PASSWORD', 'billing/dev/db-password'],
      ['Billing Service', 'lib/stripe.py', 'stripeApiKey', 'billing-service/dev/stripe-api-key'],
      ['shop', 'src/payments/gateway.ts', 'token', 'shop/dev/token'],
      ['', '.env', 'SESSION_SECRET', 'app/dev/session_secret'],
      ['shop', '.env.production', 'SESSION_TOKEN', 'shop/prod/session-token'],
      ['shop', 'config/staging.yml', 'password', 'shop/staging/password'],
    ];
    for (const [workspaceName, path, name, expected] of cases) {
      const text = `x = "s3cr3tValue9"`;
      const suggested = suggestSecretName({ workspaceName, path, findings: [find(text, 's3cr3tValue9', name)] });
      assert.equal(suggested, expected);
      assert.equal(secretNameProblem(suggested), undefined);
    }
  });

  it('never suggests a name ending like an ARN suffix', () => {
    // secrets-workbench:ignore-next-line generic-secret -- a made-up short secret, the input under test
    const text = `webhookSecret = "s3cr3tValue9"`;
    const name = suggestSecretName({
      workspaceName: 'ops',
      path: 'src/index.ts',
      findings: [find(text, 's3cr3tValue9', 'webhookSecret')],
    });
    assert.equal(secretNameProblem(name), undefined);
    assert.equal(name, 'ops/dev/webhook_secret');
  });
});

describe('fix pieces: grouping related findings', () => {
  const text = [
    `const a = "${keyId}";`,
    '',
    'const other = 1;',
    '',
    `const b = "${secretKey}";`,
    '',
    'const c = "zzzzzzzzzzzz1";',
    'const d = "yyyyyyyyyyyy2";',
  ].join('\n');
  const a = find(text, keyId, 'a', 'aws-access-key-id', {
    relatedId: secretKey,
  });
  const b = find(text, secretKey, 'b', 'aws-secret-access-key');
  const c = find(text, 'zzzzzzzzzzzz1', 'c');
  const d = find(text, 'yyyyyyyyyyyy2', 'd');
  it('links an AWS key id with its secret key even far apart', () => {
    assert.deepEqual(
      relatedGroup(text, [a, b, c, d], b).map((f) => f.name),
      ['a', 'b'],
    );
  });
  it('groups credentials of one block, not across blank lines', () => {
    assert.deepEqual(
      relatedGroup(text, [a, b, c, d], c).map((f) => f.name),
      ['c', 'd'],
    );
  });
});

describe('fix pieces: literal values', () => {
  it('decodes escapes so the stored value equals the runtime value', () => {
    const text = String.raw`const p = "a\"b\\c\u0041\n";`;
    const start = text.indexOf('a\\"');
    const end = text.lastIndexOf('"');
    const finding: FixFinding = {
      ...find(text, 'const', undefined, 'r'),
      range: { start: { line: 0, character: start, offset: start }, end: { line: 0, character: end, offset: end } },
      quote: '"',
    };
    assert.equal(findingValue(text, finding, 'javascript'), 'a"b\\cA\n');
  });
  it('keeps raw strings raw (Python r"", Go backticks)', () => {
    const py = String.raw`p = r"ab\ncd"`;
    assert.equal(findingValue(py, find(py, String.raw`ab\ncd`), 'python'), String.raw`ab\ncd`);
    const go = 'p := `ab\\ncd`';
    assert.equal(findingValue(go, find(go, 'ab\\ncd'), 'go'), 'ab\\ncd');
  });
});

describe('fix pieces: await context (TS/JS)', () => {
  const scope = (source: string, marker: string) => {
    const program = parse(source, {
      sourceType: 'unambiguous',
      plugins: ['typescript'],
      errorRecovery: true,
      allowAwaitOutsideFunction: true,
    }).program as never;
    return awaitScopeAt(program, source.indexOf(marker));
  };
  it('knows async functions, sync functions, class fields and the top level', () => {
    assert.equal(scope('const x = "M";', 'M'), 'top');
    assert.equal(scope('async function f() { return "M"; }', 'M'), 'async');
    assert.equal(scope('const f = async () => ({ k: "M" });', 'M'), 'async');
    assert.equal(scope('async function f() { return () => "M"; }', 'M'), 'sync');
    assert.equal(scope('class A { async m() { return "M"; } }', 'M'), 'async');
    assert.equal(scope('class A { p = "M"; }', 'M'), 'sync');
    assert.equal(scope('function f() { return "M"; }', 'M'), 'sync');
  });
  it('decides ESM vs CommonJS as Node would', () => {
    assert.equal(moduleFormatFor('a.mjs', 'javascript', ''), 'esm');
    assert.equal(moduleFormatFor('a.cts', 'typescript', 'import x from "y"'), 'cjs');
    assert.equal(moduleFormatFor('a.ts', 'typescript', 'import x from "y"', 'module'), 'esm');
    assert.equal(moduleFormatFor('a.ts', 'typescript', 'import x from "y"'), 'cjs');
    assert.equal(moduleFormatFor('a.js', 'javascript', 'import x from "y";'), 'esm');
    assert.equal(moduleFormatFor('a.js', 'javascript', 'const x = require("y");'), 'cjs');
  });
});

describe('fix pieces: file kinds', () => {
  it('recognises config formats by content', () => {
    assert.equal(
      fixLanguageFor('t.yaml', 'yaml', 'Resources:\n  X:\n    Type: AWS::S3::Bucket\n'),
      'cloudformation-yaml',
    );
    assert.equal(fixLanguageFor('t.json', 'json', '{"AWSTemplateFormatVersion": "2010-09-09"}'), 'cloudformation-json');
    assert.equal(fixLanguageFor('d.yaml', 'yaml', 'apiVersion: v1\nkind: Secret\n'), 'kubernetes');
    assert.equal(fixLanguageFor('compose.yaml', 'yaml', 'services: {}\n'), 'docker-compose');
    assert.equal(fixLanguageFor('.env.local', 'plaintext', 'A=b'), 'dotenv');
    assert.equal(fixLanguageFor('a.rb', 'ruby', ''), 'unsupported');
  });
});

describe('fix pieces: suppression comments', () => {
  const apply = (text: string, path: string, value: string, scope: 'line' | 'file', languageId?: string) => {
    const edit = suppressionEdit(text, path, languageId, find(text, value), scope);
    return edit ? applyEdits(text, [edit]) : undefined;
  };
  it('adds a next-line directive above the value in the file comment syntax', () => {
    assert.equal(
      apply('  const p = "abcdefgh12";\n', 'a.ts', 'abcdefgh12', 'line'),
      '  // secrets-workbench:ignore-next-line\n  const p = "abcdefgh12";\n',
    );
    assert.equal(
      apply('P=abcdefgh12\n', '.env', 'abcdefgh12', 'line'),
      '# secrets-workbench:ignore-next-line\nP=abcdefgh12\n',
    );
    assert.equal(
      apply('<add value="abcdefgh12"/>\n', 'web.config', 'abcdefgh12', 'line'),
      '<!-- secrets-workbench:ignore-next-line -->\n<add value="abcdefgh12"/>\n',
    );
  });
  it('reuses a trailing comment already on the line', () => {
    assert.equal(
      apply('p = "abcdefgh12"  # test fixture\n', 'a.py', 'abcdefgh12', 'line'),
      'p = "abcdefgh12"  # test fixture secrets-workbench:ignore\n',
    );
  });
  it('adds one file directive after a shebang, then extends it with more rules', () => {
    const once = apply('#!/usr/bin/env python3\np = "abcdefgh12"\n', 'a.py', 'abcdefgh12', 'file')!;
    assert.equal(once, '#!/usr/bin/env python3\n# secrets-workbench:ignore-file generic-password\np = "abcdefgh12"\n');
    const text = once + 'k = "zzzzzzzz99"\n';
    const edit = suppressionEdit(text, 'a.py', undefined, find(text, 'zzzzzzzz99', 'k', 'generic-api-key'), 'file')!;
    const twice = applyEdits(text, [edit]);
    assert.match(twice, /# secrets-workbench:ignore-file generic-password, generic-api-key\n/);
    assert.ok(isSuppressedInFile(fileSuppressions(twice), 'generic-api-key'));
    assert.ok(!isSuppressedInFile(fileSuppressions(twice), 'aws-access-key-id'));
  });
  it('offers nothing for JSON, which has no comments', () => {
    assert.equal(apply('{"p": "abcdefgh12"}', 'a.json', 'abcdefgh12', 'line'), undefined);
  });
});
