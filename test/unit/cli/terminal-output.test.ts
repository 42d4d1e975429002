// #20: text the CLI prints from untrusted sources (descriptions, tags, file paths, scanned text) cannot drive the
// terminal: every control character, C1 control and bidi override is printed as a visible escape.
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { runCli } from '../../../src/cli/main';
import { printable, printableLines } from '../../../src/core/terminal-text';
import { VaultStore, generateRawVaultKey } from '../../../src/core/vault/index';
import { Capture, runScanCli } from '../../support/cli-run';
import { Synthetic } from '../../support/synthetic';

/** Window title, screen clear, an OSC 8 hyperlink, a CSI by its C1 byte, a right-to-left override. */
const hostile = [
  '\u001b]0;owned\u0007',
  '\u001b[2J\u001b[H',
  '\u001b]8;;http://evil.example/\u001b\\click\u001b]8;;\u001b\\',
  '\u009b31m',
  'abc\u202egpj.exe',
  'line\rover\nnext',
];
/** Anything a terminal acts on; tabs and the output's own newlines are fine. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const terminalControl = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('CLI text output neutralises control characters (#20)', function () {
  this.timeout(30_000);
  let dir: string;
  const rawKey = generateRawVaultKey();

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'swb-terminal-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function secrets(args: string[]) {
    const stdout = new Capture();
    const stderr = new Capture();
    const code = await runCli(['secrets', ...args, '--vault', join(dir, 'v.swv')], {
      stdin: new PassThrough(),
      stdout,
      stderr,
      env: { SECRETS_WORKBENCH_VAULT_KEY: rawKey.toString('base64'), HOME: dir },
      cwd: dir,
    });
    return { code, stdout: stdout.text, stderr: stderr.text };
  }

  it('printable escapes each one visibly and leaves ordinary text (accents, CJK, emoji) alone', () => {
    for (const text of hostile) {
      const shown = printable(text);
      assert.ok(!terminalControl.test(shown) && !shown.includes('\n'), JSON.stringify(shown));
    }
    assert.equal(printable('\u001b[2J'), '\\x1b[2J');
    assert.equal(printable('a\u202eb'), 'a\\u202eb');
    assert.equal(printableLines('a\tb\nc\u0007'), 'a\tb\nc\\x07');
    const ordinary = 'prod/db café 数据库 🔑 tab\there';
    assert.equal(printable(ordinary), ordinary.replace('\t', '\\x09'));
  });

  it('list and describe print descriptions and tags with their control characters made visible', async () => {
    const vault = await VaultStore.create(join(dir, 'v.swv'), { kind: 'raw', key: rawKey });
    await vault.createSecret({
      name: 'app/terminal',
      secretString: 'synthetic',
      description: hostile.join(' '),
      tags: hostile.map((value, i) => ({ key: `k${i}\u001b[8m`, value })),
    });
    vault.close();
    const list = await secrets(['list']);
    const describe = await secrets(['describe', 'app/terminal']);
    for (const out of [list, describe]) {
      assert.equal(out.code, 0, out.stderr);
      assert.ok(!terminalControl.test(out.stdout), JSON.stringify(out.stdout));
      assert.match(out.stdout, /\\x1b\]0;owned\\x07/);
    }
    assert.equal(list.stdout.trim().split('\n').length, 2, 'a newline in a description does not add a row');
    assert.match(describe.stdout, /k0\\x1b\[8m=\\x1b\]0;owned\\x07/);
    assert.match(describe.stdout, /abc\\u202egpj\.exe/);
    // JSON output keeps the exact text (JSON escapes control characters itself).
    const json = await secrets(['describe', 'app/terminal', '--json']);
    assert.equal(JSON.parse(json.stdout).Description, hostile.join(' '));
  });

  it('scan text output makes control characters in file paths visible', async () => {
    const gen = new Synthetic(2020);
    const name = 'cfg\u001b]0;owned\u0007\u001b[2J.env';
    writeFileSync(join(dir, name), `GITHUB_TOKEN=${gen.githubToken()}\n`);
    const { code, stdout } = await runScanCli(['.'], dir);
    assert.equal(code, 1);
    assert.ok(!terminalControl.test(stdout), JSON.stringify(stdout));
    assert.match(stdout, /cfg\\x1b\]0;owned\\x07\\x1b\[2J\.env:1:\d+/);
  });
});
