import { strict as assert } from 'node:assert';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scanText } from '../../../src/core/detection/index';
import { CORPUS_DIR, loadCorpus } from '../../support/detection-corpus';
import { runScanCli } from '../../support/cli-run';
import { Synthetic } from '../../support/synthetic';

const scan = runScanCli;

interface SarifLog {
  version: string;
  runs: {
    tool: {
      driver: {
        rules: {
          id: string;
          helpUri: string;
          shortDescription: { text: string };
          defaultConfiguration: { level: string };
        }[];
      };
    };
    results: {
      ruleId: string;
      ruleIndex: number;
      message: { text: string };
      locations: { physicalLocation: { region: { startLine: number } } }[];
    }[];
  }[];
}

describe('secrets-workbench scan', () => {
  const gen = new Synthetic(5);
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'swb-scan-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('honours secrets-workbench:ignore-file like the editor does', async () => {
    writeFileSync(join(dir, 'fixture.py'), `# secrets-workbench:ignore-file\napi_key = "${gen.apiKey()}"\n`);
    assert.equal((await scan([], dir)).code, 0);
    writeFileSync(
      join(dir, 'fixture.py'),
      `# secrets-workbench:ignore-file generic-password\napi_key = "${gen.apiKey()}"\n`,
    );
    const result = await scan(['--format', 'json'], dir);
    assert.equal(result.code, 1);
    assert.match(result.stdout, /generic-api-key/);
  });

  it('exits 0 without findings, 1 with findings, 2 on errors', async () => {
    writeFileSync(join(dir, 'clean.py'), 'x = 1\n');
    assert.equal((await scan([], dir)).code, 0);
    writeFileSync(join(dir, 'leak.py'), `api_key = "${gen.apiKey()}"\n`);
    assert.equal((await scan([], dir)).code, 1);
    assert.equal((await scan(['missing-dir'], dir)).code, 2);
    assert.equal((await scan(['--format', 'xml'], dir)).code, 2);
    writeFileSync(join(dir, 'bad.json'), '{"disabledRules": ["nope"]}');
    const bad = await scan(['--config', 'bad.json'], dir);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /unknown rule id "nope"/);
  });

  it('honours .gitignore files (nested ones too) and the config ignore globs', async () => {
    mkdirSync(join(dir, 'sub', 'generated'), { recursive: true });
    writeFileSync(join(dir, '.gitignore'), 'build/\n');
    writeFileSync(join(dir, 'sub', '.gitignore'), 'generated/\n');
    mkdirSync(join(dir, 'build'));
    mkdirSync(join(dir, 'fixtures'));
    for (const p of ['build/a.py', 'sub/generated/b.py', 'fixtures/c.py', 'sub/kept.py']) {
      writeFileSync(join(dir, p), `api_key = "${gen.apiKey()}"\n`);
    }
    writeFileSync(join(dir, '.secrets-workbench.json'), JSON.stringify({ ignore: ['fixtures/**'] }));
    const { stdout } = await scan(['--format', 'json'], dir);
    const paths = (JSON.parse(stdout) as { findings: { path: string }[] }).findings.map((f) => f.path);
    assert.deepEqual(paths, ['sub/kept.py']);
    const all = JSON.parse((await scan(['--format', 'json', '--no-gitignore'], dir)).stdout) as {
      findings: { path: string }[];
    };
    assert.deepEqual(all.findings.map((f) => f.path).sort(), ['build/a.py', 'sub/generated/b.py', 'sub/kept.py']);
  });

  it('scans a path named on the command line even where an ignore glob covers it, and says so', async () => {
    mkdirSync(join(dir, 'fixtures', 'demo', 'vendor'), { recursive: true });
    writeFileSync(join(dir, 'fixtures', 'demo', 'app.py'), `api_key = "${gen.apiKey()}"\n`);
    writeFileSync(join(dir, 'fixtures', 'demo', 'vendor', 'lib.min.py'), `api_key = "${gen.apiKey()}"\n`);
    writeFileSync(join(dir, '.secrets-workbench.json'), JSON.stringify({ ignore: ['fixtures/**', '**/vendor/**'] }));
    const named = await scan(['--format', 'json', 'fixtures/demo'], dir);
    const paths = (JSON.parse(named.stdout) as { findings: { path: string }[] }).findings.map((f) => f.path);
    // The glob covering the whole named folder yields; the one excluding some files inside it still applies.
    assert.deepEqual(paths, ['fixtures/demo/app.py']);
    assert.match(named.stderr, /ignores "fixtures\/\*\*"/);
    assert.doesNotMatch(named.stderr, /vendor/);
    const unnamed = await scan(['--format', 'json'], dir);
    assert.deepEqual((JSON.parse(unnamed.stdout) as { findings: unknown[] }).findings, []);
  });

  it("finds the demo workspace's credentials when it is named from the repository root", async () => {
    const root = join(__dirname, '..', '..', '..');
    const result = await scan(['test/fixtures/demo-workspace'], root);
    assert.equal(result.code, 1);
    assert.doesNotMatch(result.stdout, /0 findings in 0 files/);
  });

  it('masks values in text output', async () => {
    const long = gen.apiKey();
    const short = gen.password();
    writeFileSync(join(dir, 'a.py'), `api_key = "${long}"\npassword = "${short}"\n`);
    const { stdout } = await scan([], dir);
    assert.ok(stdout.includes(`${long.slice(0, 4)}********`));
    assert.ok(!stdout.includes(long.slice(0, 5)));
    assert.ok(!stdout.includes(short.slice(0, 3)));
    assert.match(stdout, /a\.py:1:12 {2}warning {2}API key assigned to 'api_key' {2}\[generic-api-key\]/);
  });

  it('writes SARIF 2.1.0 with rule metadata linking to docs/rules.md', async () => {
    writeFileSync(join(dir, 'a.ts'), `const token = "${gen.githubToken()}";\n`);
    const { code, stderr } = await scan(['--format', 'sarif', '--output', 'out.sarif'], dir);
    assert.equal(code, 1);
    assert.match(stderr, /1 finding in 1 file/);
    const sarif = JSON.parse(readFileSync(join(dir, 'out.sarif'), 'utf8')) as SarifLog;
    assert.equal(sarif.version, '2.1.0');
    const [run] = sarif.runs;
    const rules = run.tool.driver.rules;
    assert.ok(rules.length >= 20);
    for (const rule of rules) {
      assert.ok(rule.helpUri.endsWith(`docs/rules.md#${rule.id}`));
      assert.ok(['error', 'warning', 'note'].includes(rule.defaultConfiguration.level));
      assert.ok(rule.shortDescription.text);
    }
    assert.equal(run.results.length, 1);
    assert.equal(run.results[0].ruleId, 'github-token');
    assert.equal(rules[run.results[0].ruleIndex].id, 'github-token');
    assert.equal(run.results[0].locations[0].physicalLocation.region.startLine, 1);
    const docs = readFileSync('docs/rules.md', 'utf8');
    for (const rule of rules)
      assert.ok(docs.includes(`<a id="${rule.id}"></a>`), `docs/rules.md lacks an anchor for ${rule.id}`);
  });

  it('never prints a labelled corpus secret in titles, text, JSON, SARIF or stderr', async function () {
    this.timeout(60_000);
    const corpus = loadCorpus();
    const outputs: string[] = [];
    for (const f of corpus.files) {
      for (const finding of scanText(f.text, { path: f.file }).findings)
        outputs.push(finding.title, JSON.stringify(finding));
    }
    for (const format of ['text', 'json', 'sarif']) {
      const { code, stdout, stderr } = await scan(['--format', format, 'files'], CORPUS_DIR);
      assert.equal(code, 1);
      outputs.push(stdout, stderr);
    }
    await scan(['--format', 'json', '--output', join(dir, 'report.json'), 'files'], CORPUS_DIR);
    outputs.push(readFileSync(join(dir, 'report.json'), 'utf8'));
    const all = outputs.join('\n');
    assert.ok(all.includes('"valueHash"'));
    let checked = 0;
    for (const label of corpus.positives) {
      // multi-line values (private keys) are checked line by line
      for (const piece of label.value.split(/\n|\\n/)) {
        const core = piece.trim();
        if (core.length < 12 || core.startsWith('-----')) continue;
        checked++;
        assert.ok(!all.includes(core), `${label.ruleId} value from ${label.file}:${label.line + 1} appears in output`);
      }
    }
    assert.ok(checked >= corpus.positives.length);
  });

  it('reports nothing outside fixture folders when run on this repository', async function () {
    this.timeout(120_000);
    const { code, stdout } = await scan(['--format', 'json'], process.cwd());
    const report = JSON.parse(stdout) as {
      findings: { path: string; ruleId: string; range: { start: { line: number } } }[];
    };
    const outside = report.findings.filter((f) => !f.path.startsWith('test/fixtures/'));
    assert.deepEqual(
      outside.map((f) => `${f.path}:${f.range.start.line + 1} ${f.ruleId}`),
      [],
    );
    assert.equal(code, report.findings.length ? 1 : 0);
  });
});
