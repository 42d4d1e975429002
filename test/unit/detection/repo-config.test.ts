// Issue #20, repository-supplied configuration: custom rules cannot hang a scan (they run on RE2), the parts of
// the config that weaken a scan are stated in its summary and in SARIF, and --no-config keeps only additions.
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runScanCli } from '../../support/cli-run';
import { Synthetic } from '../../support/synthetic';

const scan = runScanCli;

describe('repository-supplied configuration (#20)', () => {
  let dir: string;
  const gen = new Synthetic(20);
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'swb-config-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('a catastrophically backtracking custom rule ((a+)+$) does not stop scan on a 10,000-line file; the rule is reported', function () {
    this.timeout(60_000);
    const rule = { id: 'evil', kind: 'Evil', pattern: '(a+)+$', keywords: ['a'] };
    writeFileSync(join(dir, '.secrets-workbench.json'), JSON.stringify({ customRules: [rule] }));
    writeFileSync(join(dir, 'big.txt'), `${'a'.repeat(40)}!\n`.repeat(10_000));
    // a child process, so a hang (the old JavaScript RegExp) is killed instead of freezing the test run
    const script = `
      const { runCli } = require(${JSON.stringify(join(process.cwd(), 'src/cli/main.ts'))});
      const { PassThrough } = require('node:stream');
      const started = performance.now();
      runCli(['scan', 'big.txt'], { stdin: new PassThrough(), stdout: process.stdout, stderr: process.stdout, env: {}, cwd: ${JSON.stringify(dir)} })
        .then((code) => console.log('exit ' + code + ' after ' + Math.round(performance.now() - started) + ' ms'));`;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '-e', script], { encoding: 'utf8', timeout: 30_000 });
    assert.equal(child.signal, null, 'scan was killed after 30 s: it hangs');
    const elapsed = Number(/after (\d+) ms/.exec(child.stdout)?.[1]);
    assert.ok(elapsed < 5000, `scan took ${elapsed} ms`);
    assert.match(child.stdout, /custom rule "evil" has nested quantifiers/);
  });

  it('a custom rule RE2 cannot run is reported by id and the other rules still run', async () => {
    const token = gen.mixed(24);
    writeFileSync(
      join(dir, '.secrets-workbench.json'),
      JSON.stringify({
        customRules: [
          { id: 'lookbehind', kind: 'Lookbehind', pattern: '(?<=acme_)[A-Za-z0-9]{24}', keywords: ['acme_'] },
          { id: 'acme-key', kind: 'ACME key', pattern: 'acme_(?<value>[A-Za-z0-9]{24})', keywords: ['acme_'] },
        ],
      }),
    );
    writeFileSync(join(dir, 'a.txt'), `key acme_${token}\n`);
    const { code, stdout } = await scan(['a.txt'], dir);
    assert.equal(code, 1);
    assert.match(
      stdout,
      /error: custom rule "lookbehind" is not run: its pattern is not supported by the linear-time \(RE2\) engine/,
    );
    assert.match(stdout, /\[acme-key\]/);
  });

  it('a custom rule at note level is reported but does not fail the scan; at warning level it does', async () => {
    const rule = {
      id: 'acme-ref',
      kind: 'ACME reference',
      pattern: 'acme_(?<value>[A-Za-z0-9]{24})',
      keywords: ['acme_'],
    };
    writeFileSync(join(dir, 'a.txt'), `ref acme_${gen.mixed(24)}\n`);
    for (const [level, exit] of [
      ['note', 0],
      ['warning', 1],
    ] as const) {
      writeFileSync(join(dir, '.secrets-workbench.json'), JSON.stringify({ customRules: [{ ...rule, level }] }));
      const { code, stdout } = await scan(['a.txt', '--format', 'json'], dir);
      assert.equal(code, exit, level);
      const { findings } = JSON.parse(stdout) as { findings: { ruleId: string; level: string }[] };
      assert.deepEqual(
        findings.map((f) => `${f.ruleId}:${f.level}`),
        [`acme-ref:${level}`],
      );
    }
  });

  it('states what the config turns off in the text summary, JSON and SARIF', async () => {
    writeFileSync(
      join(dir, '.secrets-workbench.json'),
      JSON.stringify({ ignore: ['vendor/**'], disabledRules: ['jwt'], allowedValues: [`sha256:${'ab'.repeat(32)}`] }),
    );
    writeFileSync(join(dir, 'clean.ts'), 'export const x = 1;\n');
    const text = await scan(['.'], dir);
    assert.match(text.stdout, /config weakens this scan: ignore vendor\/\*\*.*; disabled rules jwt; 1 allowed value/);
    const json = JSON.parse((await scan(['.', '--format', 'json'], dir)).stdout) as {
      summary: { configWeakening: { ignore: string[]; disabledRules: string[]; allowedValues: number } };
    };
    assert.deepEqual(json.summary.configWeakening.disabledRules, ['jwt']);
    assert.equal(json.summary.configWeakening.allowedValues, 1);
    const sarif = JSON.parse((await scan(['.', '--format', 'sarif'], dir)).stdout) as {
      runs: {
        invocations: { toolConfigurationNotifications: { level: string; message: { text: string } }[] }[];
        properties: { configWeakening: { ignore: string[] } };
      }[];
    };
    assert.deepEqual(sarif.runs[0].properties.configWeakening.ignore, ['vendor/**']);
    const notes = sarif.runs[0].invocations[0].toolConfigurationNotifications;
    assert.ok(notes.some((n) => n.level === 'warning' && /config weakens this scan/.test(n.message.text)));
  });

  it('--no-config keeps only additions: ignore, disabledRules and allowedValues are not applied, custom rules are', async () => {
    const token = gen.githubToken();
    const acme = gen.mixed(24);
    writeFileSync(
      join(dir, '.secrets-workbench.json'),
      JSON.stringify({
        ignore: ['hidden/**'],
        disabledRules: ['github-token'],
        customRules: [
          { id: 'acme-key', kind: 'ACME key', pattern: 'acme_(?<value>[A-Za-z0-9]{24})', keywords: ['acme_'] },
        ],
      }),
    );
    writeFileSync(join(dir, 'a.env'), `GH=${token}\nACME=acme_${acme}\n`);
    const weakened = await scan(['a.env'], dir);
    assert.doesNotMatch(weakened.stdout, /\[github-token\]/);
    const strict = await scan(['a.env', '--no-config'], dir);
    assert.match(strict.stdout, /\[github-token\]/);
    assert.match(strict.stdout, /\[acme-key\]/);
    assert.doesNotMatch(strict.stdout, /config weakens this scan/);
  });
});
