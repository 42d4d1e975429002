// Bundles the extension and the CLI. `--production` minifies and drops sourcemaps.
import * as esbuild from 'esbuild';
import { readFileSync } from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const { version } = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8'));

/** @type {import('esbuild').BuildOptions} */
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: production,
  sourcemap: production ? false : 'linked',
  sourcesContent: false,
  legalComments: 'none',
  logLevel: 'warning',
  // The AWS SDK ships ESM and CJS; prefer the module field for better tree-shaking.
  mainFields: ['module', 'main'],
  define: { __SECRETS_WORKBENCH_VERSION__: JSON.stringify(version) },
};

/** The extension requires the AWS SDK from dist/aws-sdk.js at first use instead of carrying it (fast activation). */
const awsSdkApart = {
  name: 'aws-sdk-apart',
  setup(build) {
    build.onResolve(
      {
        filter:
          /^@aws-sdk\/(client-secrets-manager|client-sts|client-iam|client-cloudtrail|client-cloudwatch-logs|credential-providers)$/,
      },
      () => ({
        path: './aws-sdk.js',
        external: true,
      }),
    );
  },
};

const CLI_COMMANDS = ['scan', 'secrets', 'serve', 'pull', 'run', 'hook', 'rename'];

/** dist/cli.js is the dispatcher: it loads each command from dist/cli-<name>.js when that command runs. */
const commandsApart = {
  name: 'commands-apart',
  setup(build) {
    build.onResolve({ filter: new RegExp(`^\\./(${CLI_COMMANDS.join('|')})\\.js$`) }, (args) =>
      args.kind === 'dynamic-import' && args.importer.endsWith('commands/index.ts')
        ? { path: `./cli-${args.path.slice(2)}`, external: true }
        : undefined,
    );
  },
};

/** The IaC lint of `scan --posture` (YAML and HCL readers) is dist/posture-lint.js, loaded only with --posture. */
const postureApart = {
  name: 'posture-apart',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/posture\/scan-lint\.js$/ }, (args) =>
      args.kind === 'dynamic-import' && args.importer.endsWith('posture-loader.ts')
        ? { path: './posture-lint.js', external: true }
        : undefined,
    );
  },
};

const builds = [
  {
    ...common,
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    external: ['vscode'],
    plugins: [awsSdkApart],
    // Mark when the bundle starts and ends evaluating, so activation can report its code-loading time.
    banner: { js: 'var __SECRETS_WORKBENCH_LOAD_START__ = performance.now();' },
    footer: { js: 'var __SECRETS_WORKBENCH_LOAD_END__ = performance.now();' },
  },
  { ...common, entryPoints: ['src/vscode/lazy/aws-sdk.ts'], outfile: 'dist/aws-sdk.js' },
  {
    ...common,
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/cli.js',
    banner: { js: '#!/usr/bin/env node' },
    plugins: [awsSdkApart, commandsApart],
    // import() of a command bundle becomes require(): Node's ESM loader would first lex the whole CommonJS file
    // for its export names (tens of ms per run)
    supported: { 'dynamic-import': false },
  },
  // the scan pool's worker thread (src/core/scan/parallel.ts), beside the CLI that starts it
  {
    ...common,
    entryPoints: ['src/core/scan/scan-worker.ts'],
    outfile: 'dist/scan-worker.js',
    plugins: [postureApart],
    supported: { 'dynamic-import': false },
  },
  // the thread that reads files ahead of a one-thread scan (src/core/scan/read-ahead.ts)
  { ...common, entryPoints: ['src/core/scan/read-ahead-worker.ts'], outfile: 'dist/read-ahead-worker.js' },
  { ...common, entryPoints: ['src/core/posture/scan-lint.ts'], outfile: 'dist/posture-lint.js' },
  {
    ...common,
    entryPoints: ['src/cli/commands/scan.ts'],
    outfile: 'dist/cli-scan.js',
    plugins: [awsSdkApart, postureApart],
    supported: { 'dynamic-import': false },
  },
  ...CLI_COMMANDS.filter((name) => name !== 'scan').map((name) => ({
    ...common,
    entryPoints: [`src/cli/commands/${name}.ts`],
    outfile: `dist/cli-${name}.js`,
    plugins: [awsSdkApart],
  })),
];

if (watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
