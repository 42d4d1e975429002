// The activation benchmark runs on the current bundle, so it cannot break silently again (it once crashed on an
// API its vscode stand-in lacked, and activation went unmeasured). Figures are the benchmark's job; this checks
// that a sample completes, activate() returned, and registered what it should.
import { strict as assert } from 'node:assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

describe('activation benchmark', function () {
  this.timeout(120_000);

  it('activates the freshly built bundle with its vscode stand-in and reports both figures', () => {
    execFileSync(process.execPath, ['esbuild.mjs'], { stdio: 'inherit' });
    const out = spawnSync(process.execPath, ['test/bench/activation-sample.mjs', resolve('dist/extension.js')], {
      encoding: 'utf8',
    });
    assert.equal(out.status, 0, `the activation sample failed:\n${out.stderr}`);
    const sample = JSON.parse(out.stdout.trim().split('\n').at(-1)!) as Record<string, number>;
    for (const figure of ['loadMs', 'activateMs', 'loadCpuMs', 'activateCpuMs']) {
      assert.ok(Number.isFinite(sample[figure]) && sample[figure] >= 0, `${figure}: ${sample[figure]}`);
    }
    assert.ok(sample.subscriptions > 10, `activate() registered ${sample.subscriptions} disposables`);
  });
});
