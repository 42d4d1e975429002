// secrets-workbench:ignore-file generic-password, generic-secret -- the scorer's inputs are password- and key-shaped on purpose
// The value model's gates and arithmetic, pinned with values whose statistics are worked out by hand in the
// comments (issue #26): the $-reference anchor, the placeholder and stop-word lists and their anchors, the
// entropy gate at its boundary, the length bounds, and the confidence formulas.
import { strict as assert } from 'node:assert';
import {
  commonPairShare,
  isCommonRejection,
  isDocumentedExample,
  isHashOrId,
  isIdentifierLike,
  isPlaceholder,
  isReference,
  readsLikeWords,
  scorePassword,
  scoreRandomSecret,
  sequentialRatio,
  shannonEntropy,
  valueStats,
} from '../../../src/core/detection/value-model';
import { seeded, Synthetic } from '../../support/synthetic';

const close = (actual: number, expected: number, label = '') =>
  assert.ok(Math.abs(actual - expected) < 1e-9, `${label} ${actual} != ${expected}`);

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
function randomValue(seed: number, length: number): string {
  const next = seeded(seed);
  let out = '';
  while (out.length < length) {
    const c = alphabet[Math.floor(next() * alphabet.length)];
    // no two neighbours consecutive (the sequential gate) and no runs
    if (out && Math.abs(out.charCodeAt(out.length - 1) - c.charCodeAt(0)) <= 1) continue;
    out += c;
  }
  return out;
}

describe('detection: value model', () => {
  describe('statistics', () => {
    it('computes Shannon entropy in bits per character, leaving its table clean', () => {
      assert.equal(shannonEntropy(''), 0);
      assert.equal(shannonEntropy('aaaa'), 0);
      assert.equal(shannonEntropy('ab'), 1);
      assert.equal(shannonEntropy('aabb'), 1);
      assert.equal(shannonEntropy('abcd'), 2);
      assert.equal(shannonEntropy('abcd'), 2, 'the same again: no counts left over');
      close(shannonEntropy('aab'), -(2 / 3) * Math.log2(2 / 3) - (1 / 3) * Math.log2(1 / 3));
      assert.equal(shannonEntropy('0123456789abcdef'), 4);
      assert.equal(shannonEntropy('\u00e9\u00e9\u4e2d\u4e2d'), 1);
    });

    it('counts character classes, transitions between them, and length', () => {
      assert.deepEqual(valueStats('aB3!'), {
        length: 4,
        entropy: 2,
        classes: 4,
        lower: 1,
        upper: 1,
        digit: 1,
        symbol: 1,
        transitions: 1,
      });
      const s = valueStats('aaBB'); // one change in three neighbour pairs
      assert.equal(s.transitions, 1 / 3);
      assert.equal(s.classes, 2);
      assert.equal(valueStats('a').transitions, 0);
      assert.equal(valueStats('').transitions, 0);
      // class edges: a z A Z 0 9 and the characters just outside them are symbols
      const edges = valueStats('azAZ09`{@[/:');
      assert.deepEqual([edges.lower, edges.upper, edges.digit, edges.symbol], [2, 2, 2, 6]);
    });

    it('measures the share of consecutive code points', () => {
      assert.equal(sequentialRatio('abcdef'), 1);
      assert.equal(sequentialRatio('fedcba'), 1);
      assert.equal(sequentialRatio('aXbY'), 0);
      assert.equal(sequentialRatio('abXY'), 2 / 3);
      assert.equal(sequentialRatio('a'), 0);
      assert.equal(sequentialRatio('ac'), 0);
    });

    it('tells word-like letters (vowels, long lower-case runs) from random ones', () => {
      assert.ok(readsLikeWords('correcthorsebattery'));
      assert.ok(readsLikeWords('userPasswordReset'));
      assert.equal(readsLikeWords('xQzKpWmVbNtR'), false, 'no vowels');
      assert.equal(readsLikeWords('aBeCiDoFuG'), false, 'vowels, but case flips every letter');
      assert.equal(readsLikeWords('hello12345'), false, 'under 85% letters');
      assert.ok(readsLikeWords('hellothere1'), '10 of 11 letters is enough');
      // vowels and long lower-case runs by chance: the letter pairs (ha la uf fe ec yv uy yf fs nr …) are not words'
      assert.equal(readsLikeWords('HA7LAUfecYV8uyfs0nrokupslBpAito9lnpyaUSF'), false, 'random, word-like by chance');
      assert.ok(readsLikeWords('eventHookBeginEndpoint'), 'camel-case words keep their pairs');
    });

    it('counts the share of letter pairs inside words that are common in English identifiers', () => {
      assert.ok(commonPairShare('userPasswordReset') > 0.9); // us se er pa as ss sw wo or rd re es se et
      assert.equal(commonPairShare('qzxj'), 0); // qz zx xj
      assert.equal(commonPairShare('onqz'), 1 / 3); // on (common), nq, qz
      assert.equal(commonPairShare('on-qz'), 1 / 2, 'pairs do not cross a separator');
      assert.equal(commonPairShare('OnQz'), 1 / 2, 'nor a case change');
      assert.equal(commonPairShare('1234'), 0, 'no letter pair: nothing says it is words');
      const random = new Synthetic(7);
      const shares = Array.from({ length: 200 }, () => commonPairShare(random.mixed(40))).sort((a, b) => a - b);
      assert.ok(shares[190] < 0.6, `95% of random 40-character values under 0.6 (got ${shares[190]})`);
    });
  });

  describe('rejections', () => {
    it('treats only a leading $ name as a reference, so a password containing $k is still a password', () => {
      assert.ok(isReference('$HOME'));
      assert.ok(isReference('$_secret'));
      assert.equal(isReference('Kx9$kTr2'), false);
      close(scorePassword('Kx9$kTr2'), 0.6 + 4 * 0.05 + 0.08, 'Kx9$kTr2'); // 4 classes, 8 characters
      assert.equal(scorePassword('$kTr2Kx9'), 0);
      for (const ref of ['${DB_PASSWORD}', '{{ .Values.token }}', '$(cat key)', '%APPDATA%', 'process.env.TOKEN']) {
        assert.ok(isReference(ref), ref);
      }
      for (const ref of ['arn:aws:secretsmanager:x', 'op://vault/item', '{user}', '%s', '%(name)s', '{0}']) {
        assert.ok(isReference(ref), ref);
      }
      for (const ref of ['prod/db#password', 'payments/stripe#api_key', 'db#password', 'team/app-db#user1']) {
        assert.ok(isReference(ref), ref);
        assert.equal(scorePassword(ref), 0, ref);
      }
      // A password that happens to hold a '#' is still a password.
      for (const password of ['Tr0ub4/dor#3x', 'kX9#pQ2z', 'prod/db#Kx9pQ2z7', 'a/b#c d']) {
        assert.equal(isReference(password), false, password);
      }
      assert.ok(scorePassword('kX9#pQ2z') > 0);
      assert.equal(isReference('aB3%dE5'), false);
      assert.equal(isReference('x%APPDATA%'), false, '%NAME% is anchored at both ends');
      assert.equal(isReference('%APPDATA%x'), false);
    });

    it('knows placeholder words anywhere in the value', () => {
      for (const value of [
        'changeme',
        'x-change_me',
        'CHANGE-THIS',
        'changethis',
        'your_api_key_here',
        'your-token',
        'yoursecret',
        'your db pass',
        'example.com',
        'placeholder',
        'replace-with-real',
        'dummy1',
        'sample-value',
        'REDACTED',
        'fixme',
        'todo9',
        'insert_key',
        'enter-token',
        'fake9',
        'notreal',
        'not-a-real-key',
        'lorem ipsum',
        'foobar',
        'ab***cd',
        'abc...',
        'key=<token>',
        '[api key]',
      ]) {
        assert.ok(isPlaceholder(value), value);
      }
    });

    it('knows stop words only as the whole value (anchored at both ends)', () => {
      for (const word of ['none', 'NULL', 'password', 'admin', 'root', 'letmein', 'hunter2', 'p@ssw0rd', '123456']) {
        assert.ok(isPlaceholder(word), word);
      }
      for (const value of ['Zq9_token', 'token_Zq9', 'adminZq9', 'Zq9admin', 'rootkit7Q', 'hunter2Zq']) {
        assert.equal(isPlaceholder(value), false, value);
      }
    });

    it('treats runs and mask characters as placeholders', () => {
      for (const value of ['aaaaaaaa', 'xxxxx-1', 'AbXXXXXcd', 'ab000000cd', '••••', '*#*#', '-._-']) {
        assert.ok(isPlaceholder(value), value);
      }
      for (const value of ['ab00000cd', 'aaXaa', 'Kx9$kTr2']) assert.equal(isPlaceholder(value), false, value);
    });

    it('knows documented examples, hashes and ids', () => {
      assert.ok(isDocumentedExample('sk_test_4eC39HqLyjWDarjtT1zdp7dc'));
      assert.ok(isDocumentedExample('AKIAIOSFODNN7EXAMPLE'));
      assert.ok(isDocumentedExample('AKIAIOSFODNN7ABCDEF'));
      assert.equal(isDocumentedExample('aB3dE5gH7jK9mN1p'), false);
      assert.ok(isHashOrId('123e4567-e89b-12d3-a456-426614174000'));
      assert.ok(isHashOrId('sha256:0a1b2c'));
      assert.ok(isHashOrId('md5-abc'));
      assert.ok(isHashOrId('h1:abc'));
      assert.equal(isHashOrId('x123e4567-e89b-12d3-a456-426614174000'), false);
      assert.equal(isHashOrId('123e4567-e89b-12d3-a456-426614174000x'), false);
      assert.equal(isHashOrId('xsha256:0a1b'), false);
    });

    it('knows identifiers, flags and word-separated names', () => {
      for (const value of [
        'userPasswordReset',
        'UserPassword',
        'API_KEY',
        'apikey',
        'x-aws-ec2-metadata-token',
        'app.db.password_v2',
        '--length',
        '-p',
        'db/password',
        'secretsWorkbench.addVaultPassphrase',
      ]) {
        assert.ok(isIdentifierLike(value), value);
      }
      for (const value of ['aB3dE5gH7jK9', 'a1-b2-c3', 'K9x_mQ2z']) {
        assert.equal(isIdentifierLike(value), false, value);
      }
    });

    it('knows words in case with an acronym, short-part names and code cut off at a quote', () => {
      for (const value of [
        'DBClusterSnapshots', // cased words, an acronym first
        'LDAPSSettingsInfo',
        'id-it-revPassphrase', // an OID's name: short parts, word pairs
        'self._socks_options[', // from proxy_password=self._socks_options["password"]
        'this.settings.get(',
        'subtle.deriveBits()', // `baseKey`, `subtle.deriveBits()` in a Markdown text
        'self.password',
      ]) {
        assert.ok(isIdentifierLike(value), value);
      }
      // random values of the same shapes: pairs not words', no member access
      for (const value of ['QXZkwpvRmtyq', 'Ab-cD-eFgHqZ9xK', 'aB3/dE5[', 'wQ7.zKx9']) {
        assert.equal(isIdentifierLike(value), false, value);
      }
    });

    it('knows separated names with digits in their parts, calls and indexes without a dot', () => {
      for (const value of [
        'enable-oslogin-2fa',
        'oauth2client_4_0.client.OAuth2Credentials',
        '_GetFreshIdToken()', // token=_GetFreshIdToken()
        'credential_data[', // password=credential_data['basicAuth']['password']
        'identity_pool.Credentials.from_info(json_config_info)',
        'rsa.PrivateKey(**old_priv_key)',
      ]) {
        assert.ok(isIdentifierLike(value), value);
      }
      for (const value of ['x9k-Qm2-7vz', 'aB3d_eF5g_hJ7k', 'Xk9mQ2vL(', 'k9_q2[']) {
        assert.equal(isIdentifierLike(value), false, value);
      }
    });

    it('knows weak words in leetspeak with digits or symbols around them, not with letters', () => {
      for (const value of ['P4ssword', 'p4ssw0rd!', 'testtestt3st', 's3cr3t_42', 'your@login', 'YOUR_USERNAME']) {
        assert.ok(isPlaceholder(value), value);
      }
      for (const value of ['xyzsecret2024!', 'adminZq9', 'MyPassw0rdIsLong7']) {
        assert.equal(isPlaceholder(value), false, value);
      }
    });

    it('rejects base64 of a sentence, resource names and relative file paths', () => {
      const prose = Buffer.from('Hello from the cloud platform team').toString('base64');
      assert.ok(isCommonRejection(prose), prose);
      const random = Buffer.from('Kx9#mQ2!vL7$pZ4&wR8%').toString('base64');
      assert.equal(isCommonRejection(random), false, 'base64 of random bytes');
      assert.equal(isCommonRejection(Buffer.from('deploy:Kx9mQ2vL7pZ4').toString('base64')), false, 'basic auth');
      assert.ok(isReference('projects/my-project/secrets/db-password/versions/3'));
      assert.ok(isReference('projects/*/locations/*/keyRings/*/cryptoKeys/*'));
      assert.equal(scoreRandomSecret('google/datastore/v1beta3/entity.php'), 0);
      assert.ok(scoreRandomSecret('aB3dE5gH/jK9mN1pQr.Tu') > 0, 'a slash and a dot, no file extension');
    });

    it('reads a format template that calls a method as a reference, not a value', () => {
      assert.ok(isReference('{.credential.access_token}'), 'a JSONPath template (kubectl)');
      assert.ok(isReference('VIRTUALENV_{key.upper()}'));
      assert.ok(isReference('{self.config["token"]}'));
      assert.ok(isReference('prefix-{name.strip().lower()}'));
      assert.equal(isReference('aB3{dE5gH7(jK9'), false, 'braces and parentheses that are not a template');
    });

    it('rejects empty values, whitespace, public keys and JSON structure without credentials', () => {
      assert.ok(isCommonRejection(''));
      assert.ok(isCommonRejection('aB3d E5gH'));
      assert.ok(isCommonRejection('ssh-ed25519 AAAA'));
      assert.ok(isCommonRejection('ssh-rsa'));
      assert.ok(isCommonRejection('{"name":"value","list":["a","b"]}'));
      assert.ok(isCommonRejection('[1,2,3]'));
      // secrets-workbench:ignore-next-line generic-token -- the credential-shaped leaf is the input under test
      assert.equal(isCommonRejection('{"token":"aB3dE5gH7jK9mN1p"}'), false, 'a credential leaf');
      assert.equal(isCommonRejection('{"password":"Kx9$kTr2"}'), false, 'a password leaf');
      assert.equal(isCommonRejection('aB3dE5gH7jK9mN1p'), false);
      assert.equal(isCommonRejection('{"a":1,}'), false, 'braced but not JSON');
    });
  });

  describe('scoreRandomSecret', () => {
    // 16 distinct characters: entropy log2(16) = 4; threshold min(3.5, 2.5 + log2(16) / 4) = 3.5.
    it('scores 0.55 + min(0.3, (entropy - threshold) / 4) + 0.1 for three classes + 0.05 from 32 characters', () => {
      close(scoreRandomSecret('aB3dE5gH7jK9mN1p'), 0.55 + 0.125 + 0.1, 'three classes'); // 0.775
      close(scoreRandomSecret('a3d5g7j9m1p2s4u6'), 0.55 + 0.125, 'two classes'); // 0.675
      // Many vowels do not matter once there are two classes or more.
      close(scoreRandomSecret('aE3iO5uY7eA9oU1b'), 0.55 + 0.125 + 0.1, 'vowels, three classes');
      close(scoreRandomSecret('a3e5i7o9u1y2b4c6'), 0.55 + 0.125, 'vowels, two classes');
      // 32 distinct: entropy 5, threshold 3.5: 0.55 + 0.3 + 0.1 + 0.05 = 1.0, capped at 0.95
      assert.equal(scoreRandomSecret('aB3dE5gH7jK9mN1pqR2sT4uV6wX8yZ0c'), 0.95);
    });

    it('passes hex at entropy 3.0 exactly and non-hex at its threshold exactly; refuses below', () => {
      // 8 hex characters twice each: entropy 3 = the hex threshold; two classes: 0.55
      close(scoreRandomSecret('0a1b2c3d0a1b2c3d'), 0.55, 'hex at threshold');
      assert.equal(scoreRandomSecret('0a0a1b1b0a0a1b1b'), 0, 'hex, entropy 2');
      // 8 characters once and 4 twice: entropy 8/16*4 + 4*(2/16)*3 = 3.5 = the threshold at 16 characters
      close(scoreRandomSecret('aB3dE5gHaB3dQrSt'), 0.55 + 0 + 0.1, 'non-hex at threshold');
      // 6 once and 5 twice: 6/16*4 + 5/8*3 = 3.375 < 3.5
      assert.equal(scoreRandomSecret('aB3dE5aB3dE5gHQr'), 0);
      // 40 characters: threshold min(3.5, 2.5 + log2(40)/4 = 3.83) = 3.5 (the cap)
      const forty = randomValue(7, 40);
      assert.ok(shannonEntropy(forty) > 3.5);
      assert.ok(scoreRandomSecret(forty) > 0);
    });

    it('takes 16 to 1024 characters (or the minimum it is given)', () => {
      assert.equal(scoreRandomSecret('aB3dE5gH7jK9mN1'), 0, '15 characters');
      // 15 distinct: entropy log2(15); threshold 2.5 + log2(15) / 4
      const entropy = Math.log2(15);
      close(scoreRandomSecret('aB3dE5gH7jK9mN1', 15), 0.55 + (entropy - (2.5 + entropy / 4)) / 4 + 0.1, 'min 15');
      const long = randomValue(26, 1024);
      assert.equal(scoreRandomSecret(long), 0.95, `seeded value ${long.slice(0, 12)}…`);
      assert.equal(scoreRandomSecret(`${long}Q`), 0, '1025 characters');
    });

    it('refuses identifiers, URLs, paths, e-mail addresses, numbers, versions, dates and non-ASCII', () => {
      for (const value of [
        'userPasswordResetToken',
        'https://aB3dE5gH7jK9mN1p',
        'C:\\aB3dE5gH7jK9mN1p',
        '/usr/aB3dE5gH7jK9mN1p',
        '~/aB3dE5gH7jK9mN1p',
        'aB3dE5gH7jK9@mN1p.io',
        '1234567890123456789',
        '1.22.333.4444.55555',
        '2024-01-15T10:00:00aB3',
        'aB3dE5gH7jK9mN1p\u00e9',
        'abcdefghijklmnopqrstuvwxyzABCDEF', // sequential
        'aB3dE5gH7jK9mN1p aB3', // whitespace
      ]) {
        assert.equal(scoreRandomSecret(value), 0, value);
      }
      // Printable symbols are fine outside base64.
      assert.ok(scoreRandomSecret('aB3!dE5@gH7#jK9$') > 0);
      assert.ok(scoreRandomSecret('aB3+dE5/gH7jK9mN1p==') > 0);
      // base64 may start with `/`: random segments make it a value, word segments a path
      assert.ok(scoreRandomSecret('/wQaKsYD5iYY/I8hmyVeg35yAxHP5xU2qRMr3k7TZC/e') > 0);
      assert.equal(scoreRandomSecret('/home/deploy2/releases/current/config'), 0);
      assert.equal(scoreRandomSecret('/Users/Deploy2/Library/Preferences/Settings'), 0);
    });

    it('refuses text that reads like words and values with too few class changes', () => {
      assert.equal(scoreRandomSecret('thisIsMyPasswordResetToken'), 0);
      // transitions: one change in 15 pairs (0.067 < 0.15), not hex
      assert.equal(scoreRandomSecret('qwzkxjvbnmrtplsdQWZKXJVB'.slice(0, 8) + '93847261'), 0);
      // hex is exempt from the transition gate: 16 distinct (4 bits, threshold 3), one class change in 15 pairs
      close(scoreRandomSecret('fadbec9735820461'), 0.55 + 0.25, 'hex, one change');
    });
  });

  describe('scorePassword', () => {
    it('scores min(0.9, 0.6 + 0.05 per class + min(0.15, length / 100)) with three or more classes', () => {
      close(scorePassword('Ab1!Ab'), 0.6 + 0.2 + 0.06, '6 characters, 4 classes');
      close(scorePassword('Tr0ub4dorX'), 0.6 + 0.15 + 0.1, '10 characters, 3 classes');
      close(scorePassword('Tr0ub4dorXqz'), 0.6 + 0.15 + 0.12, '12 characters');
      assert.equal(scorePassword('Tr0ub4dor&3Xqz!wv9'), 0.9, '18 characters, 4 classes: 0.95 capped');
      close(scorePassword('Tr0ub4dorXqzwvkpjmsn'), 0.6 + 0.15 + 0.15, '20 characters: length part capped at 0.15');
    });

    it('takes two classes from 8 characters when the classes change, else only long high-entropy values', () => {
      // q w x z 7 k p j: 2 changes in 7 pairs
      close(scorePassword('qwxz7kpj'), 0.6 + 0.1 + 0.08, 'two classes, 8');
      assert.equal(scorePassword('qwx7kpj'), 0, 'two classes, 7');
      // 16 distinct symbols: one class, entropy 4 ≥ 3.5
      assert.equal(scorePassword('!@#$%^&*()-+=|:;'), 0.6);
      assert.equal(scorePassword('!@#$%^&*()-+=|:'), 0, '15 characters');
      assert.equal(scorePassword('!!@@##$$%%^^&&**'), 0, 'entropy 3');
    });

    it('takes 6 to 256 characters', () => {
      assert.equal(scorePassword('Ab1!A'), 0);
      const max = randomValue(3, 253) + '!#%';
      assert.equal(max.length, 256);
      assert.equal(scorePassword(max), 0.9);
      assert.equal(scorePassword(`${max}x`), 0, '257 characters');
    });

    it('refuses digits only, a weak word followed by digits or symbols, URLs and identifiers', () => {
      assert.equal(scorePassword('83920175648392'), 0);
      assert.equal(scorePassword('1.302103'), 0, "a version (a Perl module's, under the name Event::Pass)");
      assert.equal(scorePassword('3,141,592'), 0, 'a number with separators');
      assert.equal(scorePassword('anonymous@'), 0, "anonymous FTP's conventional password");
      assert.equal(scorePassword('-anonymous@'), 0, 'the same, with the dash that turns off FTP server messages');
      assert.ok(scorePassword('1.30a2103!') > 0, 'letters and symbols among the digits: not a number');
      assert.equal(scorePassword('password123!'), 0);
      assert.equal(scorePassword('Secret2024!!'), 0);
      assert.equal(scorePassword('admin_99'), 0);
      close(scorePassword('xyzsecret2024!'), 0.6 + 0.15 + 0.14, 'a weak word inside is fine');
      close(scorePassword('ab1!'.padEnd(6, '#')), 0.6 + 0.15 + 0.06, 'a stem shorter than 3 is not checked');
      assert.equal(scorePassword('https://x.io/a'), 0);
      assert.equal(scorePassword('userPassword'), 0);
      assert.equal(scorePassword('P4ss word!'), 0, 'whitespace');
    });
  });
  describe('survivors of the last mutation run (issue #26)', () => {
    it('adds 0.05 from 32 characters below the cap: 32 distinct letters and digits score 0.55 + 0.3 + 0.05', () => {
      // entropy log2(32) = 5; threshold 3.5; (5 - 3.5) / 4 = 0.375 → 0.3; two classes: no class bonus
      const value = 'q7w2e9r4t1y6u3i8o5p0asdfghjklzxc';
      assert.equal(new Set(value).size, 32);
      close(scoreRandomSecret(value), 0.55 + 0.3 + 0.05, '32 characters');
      close(scoreRandomSecret(value.slice(0, 31)), 0.55 + 0.3, '31 characters: no length bonus');
    });

    it('accepts a one-class password of 16+ characters at entropy exactly 3.5, and refuses just below', () => {
      // 8 symbols once and 4 twice: 8/16*4 + 4*(2/16)*3 = 3.5
      close(scorePassword('!-@+#=^|&-*+:=;|'), 0.6, 'entropy 3.5');
      // 6 once and 5 twice: 6/16*4 + 5*(2/16)*3 = 3.375
      assert.equal(scorePassword('!-@+#=^|&-*+:=|^'), 0, 'entropy 3.375');
    });

    it('refuses a weak three-letter stem followed by digits and a symbol (key12345!)', () => {
      assert.equal(scorePassword('key12345!'), 0);
      assert.ok(scorePassword('kez12345!') > 0, 'the same shape with a stem that is no stop word scores');
    });

    it('anchors arn:, ref+ and sm:// references at the start: inside a password they are characters', () => {
      for (const ref of ['arn:aws:secretsmanager:us-east-1:1:secret:x', 'ref+awssecrets://x', 'sm://x']) {
        assert.ok(isReference(ref), ref);
      }
      for (const pwd of ['Kq9arn:x7Zp', 'Kq9ref+x7Zp', 'Kq9sm://x7']) assert.equal(isReference(pwd), false, pwd);
    });

    it('treats api_key and api-key as placeholders, but not apiXkey', () => {
      assert.ok(isPlaceholder('api_key'));
      assert.ok(isPlaceholder('API-KEY'));
      assert.equal(isPlaceholder('apiXkey'), false);
    });
  });
});
