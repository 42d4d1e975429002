import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { cjsHelper } from '../../../src/core/fixes/helpers';

describe('offline fixture app', () => {
  it('uses exactly the CommonJS getSecret helper that the quick fix generates', () => {
    // The in-VS-Code offline test runs this copy; if the generator changes, the copy must follow.
    assert.equal(readFileSync('test/fixtures/offline/app/secrets/get-secret.cjs', 'utf8'), cjsHelper);
  });
});
