import { strict as assert } from 'node:assert';
import { ReferenceIndex, sameSecret, secretNameOf } from '../../../src/core/references/index';

const arn = (name: string) => `arn:aws:secretsmanager:eu-west-1:123456789012:secret:${name}`;

describe('reference index', () => {
  it('files each file’s references and finds them by secret, by name or ARN with or without the suffix', () => {
    const index = new ReferenceIndex();
    index.update('a.ts', "await getSecret('app/db', 'password');\nawait getSecret('app/other');");
    index.update('b.py', `client.get_secret_value(SecretId='${arn('app/db-Ab12Cd')}')`);
    index.update('c.tf', 'data "aws_secretsmanager_secret_version" "x" {\n  secret_id = "app/db-extra"\n}');
    assert.deepEqual(
      index.referencesTo('app/db').map((r) => [r.path, r.kind, r.jsonKey]),
      [
        ['a.ts', 'helper-call', 'password'],
        ['b.py', 'sdk-call', undefined],
      ],
    );
    assert.deepEqual(
      index.referencesTo(arn('app/db-Ab12Cd')).map((r) => r.path),
      ['a.ts', 'b.py'],
      'a full ARN finds the plain name and itself',
    );
    assert.deepEqual(
      index.referencesTo(arn('app/db-Zz99Zz')).map((r) => r.path),
      ['a.ts'],
      'another suffix is another secret',
    );
    assert.deepEqual(
      index.referencesTo('app/db-extra').map((r) => r.path),
      ['c.tf'],
    );
    assert.deepEqual(index.referencesTo('app'), []);
    assert.deepEqual(index.secretIds(), ['app/db', 'app/db-extra', 'app/other', arn('app/db-Ab12Cd')]);
    assert.equal(index.all().length, 4);
    assert.deepEqual(index.paths(), ['a.ts', 'b.py', 'c.tf']);
  });

  it('replaces one file’s entries on update and drops them on remove, telling listeners which path changed', () => {
    const index = new ReferenceIndex();
    const changes: string[][] = [];
    const subscription = index.onDidChange((paths) => changes.push([...paths]));
    index.update('a.ts', "getSecret('one')");
    index.update('b.ts', "getSecret('two')");
    const bBefore = index.referencesIn('b.ts');
    index.update('a.ts', "getSecret('three')");
    assert.deepEqual(index.secretIds(), ['three', 'two']);
    assert.equal(index.referencesIn('b.ts'), bBefore, 'b.ts entries are the same objects');
    assert.deepEqual(index.referencesTo('one'), []);
    assert.equal(index.remove('a.ts'), true);
    assert.equal(index.remove('a.ts'), false);
    assert.deepEqual(index.referencesTo('three'), []);
    const bAgain = index.referencesIn('b.ts');
    assert.equal(index.update('b.ts', "getSecret('two')"), false, 'the same text again changes nothing');
    assert.equal(index.referencesIn('b.ts'), bAgain);
    assert.equal(index.update('b.ts', "\ngetSecret('two')"), true, 'a moved reference is a change');
    subscription.dispose();
    index.update('c.ts', "getSecret('four')");
    assert.deepEqual(changes, [['a.ts'], ['b.ts'], ['a.ts'], ['a.ts'], ['b.ts']]);
  });

  it('counts env reads through the env map given to it', () => {
    const index = new ReferenceIndex({ envMap: { STRIPE_KEY: 'prod/stripe#secret' } });
    index.update('pay.ts', 'const key = process.env.STRIPE_KEY!;\nconst other = process.env.HOME;');
    assert.deepEqual(
      index.referencesTo('prod/stripe').map((r) => [r.kind, r.envVariable, r.jsonKey, r.line, r.character, r.length]),
      [['env-read', 'STRIPE_KEY', 'secret', 0, 24, 10]],
    );
  });
});

describe('secret id matching', () => {
  it('matches names to ARNs tolerating only a 6-character suffix, and ARNs only within one account and region', () => {
    assert.ok(sameSecret('app/db', arn('app/db')));
    assert.ok(sameSecret(arn('app/db-Ab12Cd'), 'app/db'));
    assert.ok(!sameSecret(arn('app/db-Ab12C'), 'app/db'), 'five characters are not the suffix');
    assert.ok(!sameSecret(arn('app/dbx-Ab12Cd'), 'app/db'));
    assert.ok(!sameSecret('app/db-Ab12Cd', 'app/db'), 'two names are compared as written');
    assert.ok(sameSecret(arn('app/db'), arn('app/db-Ab12Cd')), 'a partial ARN and the full ARN');
    assert.ok(!sameSecret(arn('app/db'), 'arn:aws:secretsmanager:us-east-1:123456789012:secret:app/db'));
    assert.equal(secretNameOf(arn('app/db-Ab12Cd')), 'app/db');
    assert.equal(secretNameOf('app/db-Ab12Cd'), 'app/db-Ab12Cd');
  });
});
