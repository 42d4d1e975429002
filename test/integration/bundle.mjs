// Builds the test-harness extension and the integration suites for either launcher (code-server or
// @vscode/test-electron): suites are any `**/*.test.ts` under the suites dir, each bundled with `vscode`
// left external; `*.settings.json` files next to them are merged into the user settings of the run.
import * as esbuild from 'esbuild';
import { cpSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { repoRoot } from '../../scripts/lib/workbench.mjs';

export const defaultSuitesDir = join(repoRoot, 'test', 'integration', 'suite');
export const defaultWorkspace = join(repoRoot, 'test', 'fixtures', 'integration-workspace');
const harnessSource = join(repoRoot, 'test', 'integration', 'harness');

/** Files under `dir` (recursively) whose name ends with `suffix`, sorted for a stable order. */
export function findFiles(dir, suffix) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(suffix))
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name))
    .sort();
}

/** Settings contributed by suites (`<name>.settings.json`); a key set twice to different values is an error. */
export function suiteSettings(suitesDir) {
  const merged = {};
  for (const file of findFiles(suitesDir, '.settings.json')) {
    for (const [key, value] of Object.entries(JSON.parse(readFileSync(file, 'utf8')))) {
      if (key in merged && JSON.stringify(merged[key]) !== JSON.stringify(value)) {
        throw new Error(`${relative(repoRoot, file)} sets ${key} differently from another suite's settings`);
      }
      merged[key] = value;
    }
  }
  return merged;
}

/**
 * Writes the harness extension (package.json + dist/) and the bundled suites into `outDir`.
 * Returns what a HarnessConfig needs.
 */
export async function bundleHarness({ outDir, suitesDir = defaultSuitesDir }) {
  const sources = findFiles(resolve(suitesDir), '.test.ts');
  if (!sources.length) throw new Error(`no *.test.ts suites under ${suitesDir}`);
  cpSync(join(harnessSource, 'package.json'), join(outDir, 'package.json'));
  const common = {
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'inline',
    logLevel: 'warning',
    external: ['vscode'],
    // as esbuild.mjs: jsonc-parser's `main` is a UMD build whose relative require()s esbuild cannot follow
    mainFields: ['module', 'main'],
  };
  const mochaPath = join(outDir, 'mocha', 'mocha.cjs');
  await Promise.all([
    // mocha 12 is ESM whose CommonJS entry require()s ES modules: only Node >= 20.19 loads that, and VS Code 1.90's
    // extension host runs an older Node 20. Bundled into one CommonJS file it loads on any Node 20.
    esbuild.build({
      ...common,
      sourcemap: false,
      entryPoints: [mochaEntry()],
      outfile: mochaPath,
      external: ['./reporters/parallel-buffered.cjs', './worker.cjs'], // parallel mode only, never used here
    }),
    esbuild.build({
      ...common,
      entryPoints: [join(harnessSource, 'extension.ts'), join(harnessSource, 'electron-entry.ts')],
      outdir: join(outDir, 'dist'),
    }),
    esbuild.build({ ...common, entryPoints: sources, outbase: resolve(suitesDir), outdir: join(outDir, 'suites') }),
  ]);
  const suiteFiles = sources.map((source) =>
    join(outDir, 'suites', relative(resolve(suitesDir), source).replace(/\.ts$/, '.js')),
  );
  return {
    suiteFiles,
    settings: suiteSettings(resolve(suitesDir)),
    mochaPath,
    fixturesDir: join(repoRoot, 'test', 'fixtures'),
  };
}

/** mocha's CommonJS entry when it ships one, else its main. */
function mochaEntry() {
  const main = createRequire(import.meta.url).resolve('mocha');
  const cjs = join(dirname(main), 'lib', 'mocha.cjs');
  return existsSync(cjs) ? cjs : main;
}
