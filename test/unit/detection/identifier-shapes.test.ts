import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import { scanText } from '../../../src/core/detection/index';

// Shapes met in this repository's own code that once fired as credentials.
const ruleIds = (text: string, path = 'src/example.ts') => scanText(text, { path }).findings.map((f) => f.ruleId);

describe('detection: identifier-like and structured values', () => {
  it('does not flag dotted camelCase command ids under password-like keys', () => {
    assert.deepEqual(ruleIds(`export const C = { addVaultPassphrase: 'secretsWorkbench.addVaultPassphrase' };\n`), []);
  });

  it('does not flag a command-line flag that follows the word password in an argument list', () => {
    assert.deepEqual(ruleIds(`run(['rotate', 'app/db', '--key', 'password', '--length', '24']);\n`), []);
  });

  it('does not flag a JSON literal without credentials, but flags one that holds a password', () => {
    assert.deepEqual(ruleIds(`const v = { secretString: '{"b":1,"a":{"y":2,"x":1},"gone":true}' };\n`), []);
    const password = `Q${randomBytes(9).toString('base64url')}#7`;
    const found = ruleIds(`const v = { secretString: '{"password":"${password}"}' };\n`);
    assert.equal(found.length, 1);
  });
});
