// The mutation-testing harness (scripts/mutation.mjs): argument parsing, --changed selection, score arithmetic
// and the per-module Stryker config. The Stryker runs themselves are a separate job (docs/testing.md).
import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');

interface Harness {
  modules: Record<string, { mutate: string[]; tests: string[] }>;
  parseArgs(argv: string[]): { modules: string[]; changed?: string; concurrency: number };
  changedModules(files: string[]): string[];
  summarize(report: unknown): { counts: Record<string, number>; score: number };
  strykerConfig(name: string, concurrency: number): Record<string, unknown> & { mochaOptions: { spec: string[] } };
}

describe('harness: npm run test:mutation', () => {
  let harness: Harness;
  before(async () => {
    harness = (await import(join(root, 'scripts', 'mutation.mjs'))) as Harness;
  });

  it('covers the security core, each module with files and tests that exist', () => {
    assert.deepEqual(Object.keys(harness.modules), ['sigv4', 'vault', 'engine', 'checksums', 'value-model']);
    for (const { mutate, tests } of Object.values(harness.modules)) {
      for (const file of mutate) assert.ok(existsSync(join(root, file)), file);
      assert.ok(
        tests.some((file) => existsSync(join(root, file))),
        tests.join(', '),
      );
    }
  });

  it('parses modules, --changed and --concurrency, and refuses unknown ones', () => {
    assert.deepEqual(harness.parseArgs([]), { modules: [], changed: undefined, concurrency: 2 });
    assert.deepEqual(harness.parseArgs(['sigv4', 'vault', '--concurrency', '1']), {
      modules: ['sigv4', 'vault'],
      changed: undefined,
      concurrency: 1,
    });
    assert.equal(harness.parseArgs(['--changed', 'main']).changed, 'main');
    assert.throws(() => harness.parseArgs(['nope']), /unknown module nope/);
    assert.throws(() => harness.parseArgs(['--fast']), /unknown option --fast/);
    assert.throws(() => harness.parseArgs(['--concurrency', '0']), /bad --concurrency/);
  });

  it('selects the modules whose mutated files or tests changed', () => {
    assert.deepEqual(harness.changedModules(['src/core/vault/keys.ts', 'README.md']), ['vault']);
    assert.deepEqual(harness.changedModules(['test/unit/store/engine-rules.test.ts', 'src/core/server/sigv4.ts']), [
      'sigv4',
      'engine',
    ]);
    assert.deepEqual(harness.changedModules(['src/core/server/server.ts']), []);
  });

  it('scores detected / (detected + undetected), leaving ignored and invalid mutants out', () => {
    const mutants = (status: string, n: number) => Array.from({ length: n }, () => ({ status }));
    const report = {
      files: {
        'a.ts': { mutants: [...mutants('Killed', 5), ...mutants('Survived', 2), ...mutants('Ignored', 4)] },
        'b.ts': { mutants: [...mutants('Timeout', 1), ...mutants('NoCoverage', 1), ...mutants('RuntimeError', 3)] },
      },
    };
    const { counts, score } = harness.summarize(report);
    assert.equal(score, 66.66);
    assert.deepEqual(counts, { Killed: 5, Survived: 2, Ignored: 4, Timeout: 1, NoCoverage: 1, RuntimeError: 3 });
  });

  it("runs each module's own tests with the mocha runner and per-test coverage, reporting under reports/", () => {
    const config = harness.strykerConfig('engine', 2);
    assert.equal(config.testRunner, 'mocha');
    assert.equal(config.coverageAnalysis, 'perTest');
    assert.deepEqual(config.mutate, ['src/core/store/engine.ts']);
    assert.ok(config.mochaOptions.spec.includes('test/unit/store/memory-store.test.ts'));
    assert.ok(config.mochaOptions.spec.every((file) => harness.modules.engine.tests.includes(file)));
    assert.deepEqual(config.jsonReporter, { fileName: 'reports/mutation/engine/mutation.json' });
    assert.deepEqual(config.htmlReporter, { fileName: 'reports/mutation/engine/mutation.html' });
    assert.equal(config.concurrency, 2);
  });
});
