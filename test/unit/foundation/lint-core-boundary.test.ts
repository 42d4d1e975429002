import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { ESLint } from 'eslint';

const fixture = readFileSync('test/fixtures/lint/imports-vscode.ts', 'utf8');

async function lintAs(filePath: string) {
  const eslint = new ESLint({ cwd: process.cwd() });
  const [result] = await eslint.lintText(fixture, { filePath });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports');
}

describe('lint: src/core must not import vscode', () => {
  it('fails a vscode import placed under src/core', async () => {
    const messages = await lintAs('src/core/lint-probe.ts');
    assert.equal(messages.length, 1);
    assert.equal(messages[0].severity, 2);
    assert.match(messages[0].message, /editor-independent/);
  });

  it('allows the same import in the VS Code adapter layer', async () => {
    assert.deepEqual(await lintAs('src/vscode/lint-probe.ts'), []);
  });
});
