// The detection engine as the extension and CLI ship it: bundled and minified by esbuild, as `esbuild.mjs
// --production` does. tsx's on-the-fly transform keeps every function's name (a defineProperty per closure) and
// turns each cross-module call into a getter call, which slows the engine down, so speed is measured on this build.
import { buildSync } from 'esbuild';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export type DetectionEngine = typeof import('../../src/core/detection/index');

export function loadShippedDetection(): DetectionEngine {
  const dir = mkdtempSync(join(tmpdir(), 'secrets-workbench-detection-'));
  try {
    const outfile = join(dir, 'detection.cjs');
    buildSync({
      entryPoints: [resolve('src/core/detection/index.ts')],
      outfile,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      minify: true,
      logLevel: 'warning',
    });
    return createRequire(outfile)(outfile) as DetectionEngine;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
