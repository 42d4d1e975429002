// #20: value hashes in reports and SARIF are keyed (HMAC-SHA256 with the project's valueHashSalt, or a salt made
// for the report and printed), so a short password cannot be brute-forced from a report; baselines (SARIF
// fingerprints) stay stable across runs under the project salt, and allowedValues keep working.
import { strict as assert } from 'node:assert';
import { createHash, createHmac } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runScanCli } from '../../support/cli-run';
import { Synthetic } from '../../support/synthetic';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

interface JsonReport {
  summary: { valueHashes: { algorithm: string; salt: string } };
  findings: { id: string; ruleId: string; path: string; valueHash: string }[];
}
interface SarifReport {
  runs: { properties: { valueHashes: { salt: string } }; results: { partialFingerprints: Record<string, string> }[] }[];
}

describe('keyed value hashes in reports (#20)', () => {
  let dir: string;
  const gen = new Synthetic(2020);
  const password = gen.password();
  const salt = 'k'.repeat(8) + gen.mixed(36);

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'swb-hashes-'));
    writeFileSync(join(dir, 'app.py'), `db_password = "${password}"\n`);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const config = (extra: Record<string, unknown>) =>
    writeFileSync(join(dir, '.secrets-workbench.json'), JSON.stringify(extra));
  const json = async (...args: string[]) => {
    const run = await runScanCli(['--format', 'json', ...args, '.'], dir);
    return { ...run, report: JSON.parse(run.stdout) as JsonReport };
  };
  const sarif = async () => JSON.parse((await runScanCli(['--format', 'sarif', '.'], dir)).stdout) as SarifReport;

  it('no plain digest of the value (nor 8 hex digits of one) is in JSON or SARIF; the report salt is printed', async () => {
    const plain = sha256(password);
    const first = await json();
    assert.equal(first.report.findings.length, 1);
    const [finding] = first.report.findings;
    for (const text of [first.stdout, JSON.stringify(await sarif())]) {
      assert.ok(!text.includes(plain.slice(0, 8)), 'a plain digest (or its prefix) is in the report');
      assert.ok(!text.includes(sha256(`${finding.ruleId}:app.py:${plain}`)), 'the old unkeyed fingerprint');
    }
    // What a reader can check with the printed salt (and only with it).
    const printed = first.report.summary.valueHashes.salt;
    assert.equal(finding.valueHash, createHmac('sha256', printed).update(plain).digest('hex'));
    assert.match(first.report.summary.valueHashes.algorithm, /HMAC-SHA256/);
    // A salt per report: another run hashes differently.
    const second = await json();
    assert.notEqual(second.report.summary.valueHashes.salt, printed);
    assert.notEqual(second.report.findings[0].valueHash, finding.valueHash);
  });

  it('under the project valueHashSalt: stable across runs (baselines), the salt never printed', async () => {
    config({ valueHashSalt: salt });
    const runs = [await json(), await json()];
    assert.equal(runs[0].report.findings[0].valueHash, runs[1].report.findings[0].valueHash);
    assert.equal(runs[0].report.findings[0].id, runs[1].report.findings[0].id);
    const sarifs = [await sarif(), await sarif()];
    assert.deepEqual(
      sarifs[0].runs[0].results[0].partialFingerprints,
      sarifs[1].runs[0].results[0].partialFingerprints,
    );
    for (const text of [runs[0].stdout, JSON.stringify(sarifs[0])]) assert.ok(!text.includes(salt));
    assert.equal(
      runs[0].report.findings[0].valueHash,
      createHmac('sha256', salt).update(sha256(password)).digest('hex'),
    );
  });

  it('allowedValues: plain sha256: entries (the editor writes them) and a report valueHash as hmac-sha256: both allow the value', async () => {
    config({ allowedValues: [`sha256:${sha256(password)}`] });
    assert.equal((await json()).report.findings.length, 0);

    config({ valueHashSalt: salt });
    const reported = (await json()).report.findings[0].valueHash;
    config({ valueHashSalt: salt, allowedValues: [`hmac-sha256:${reported}`] });
    const allowed = await json();
    assert.equal(allowed.report.findings.length, 0, allowed.stderr);
    // Under another salt the same entry allows nothing.
    config({ valueHashSalt: `${salt}x`, allowedValues: [`hmac-sha256:${reported}`] });
    assert.equal((await json()).report.findings.length, 1);
  });

  it('refuses a keyed allowedValues entry without its salt, and a short salt, without echoing them', async () => {
    config({ allowedValues: [`hmac-sha256:${'a'.repeat(64)}`] });
    const missing = await runScanCli(['.'], dir);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /need the valueHashSalt/);
    config({ valueHashSalt: 'short-salt' });
    const short = await runScanCli(['.'], dir);
    assert.equal(short.code, 2);
    assert.match(short.stderr, /valueHashSalt" must be at least 32/);
    assert.ok(!short.stderr.includes('short-salt'));
  });
});
