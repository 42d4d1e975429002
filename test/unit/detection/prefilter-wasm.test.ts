// The committed WebAssembly module must be the one prefilter.wat assembles to (else: `npm run build:wasm`).
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';

describe('prefilter WebAssembly module', () => {
  it('is up to date with prefilter.wat', async () => {
    const { WAT, GENERATED, assemble, generated } = await import('../../../scripts/build-wasm.mjs');
    const expected = generated(await assemble(readFileSync(WAT, 'utf8')));
    assert.ok(readFileSync(GENERATED, 'utf8') === expected, `${GENERATED} is stale: run npm run build:wasm`);
  });
});
