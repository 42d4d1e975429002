import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { ESLint } from 'eslint';

const fixture = readFileSync('test/fixtures/lint/imports-vscode.ts', 'utf8');

async function lintAs(filePath: string) {
  // The probe file does not exist, so the type-aware rules (which need it in the project) are left out here.
  const eslint = new ESLint({
    cwd: process.cwd(),
    overrideConfig: { languageOptions: { parserOptions: { projectService: false } } },
    ruleFilter: ({ ruleId }) => ruleId === 'no-restricted-imports',
  });
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

describe('lint: type-aware checks on the shipped code', () => {
  for (const rule of [
    '@typescript-eslint/no-floating-promises',
    '@typescript-eslint/no-misused-promises',
    '@typescript-eslint/switch-exhaustiveness-check',
  ]) {
    it(`${rule} is an error under src/`, async () => {
      const config = (await new ESLint({ cwd: process.cwd() }).calculateConfigForFile('src/vscode/probe.ts')) as {
        rules: Record<string, unknown[]>;
      };
      assert.equal(config.rules[rule]?.[0], 2);
    });
  }
});
