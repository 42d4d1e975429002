// The layering rule, fronts → use cases → core, fires where it should and only there (eslint.config.mjs).
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { ESLint } from 'eslint';

const layeringRules = ['@typescript-eslint/no-restricted-imports', 'no-restricted-imports', 'no-restricted-syntax'];

async function lintAs(fixture: string, filePath: string) {
  // The probe path does not exist, so the type-aware rules (which need it in the project) are left out here.
  const eslint = new ESLint({
    cwd: process.cwd(),
    overrideConfig: { languageOptions: { parserOptions: { projectService: false } } },
    ruleFilter: ({ ruleId }) => layeringRules.includes(ruleId),
  });
  const [result] = await eslint.lintText(readFileSync(`test/fixtures/lint/${fixture}`, 'utf8'), { filePath });
  return result.messages.map((m) => ({ line: m.line, rule: m.ruleId, severity: m.severity }));
}

describe('lint: fronts → use cases → core', function () {
  this.timeout(60_000);

  for (const front of ['src/vscode/commands/lint-probe.ts', 'src/cli/commands/lint-probe.ts']) {
    it(`refuses store implementations in a front (${front.split('/')[1]}), static and lazy, but not types`, async () => {
      assert.deepEqual(await lintAs('imports-store.ts', front), [
        { line: 2, rule: '@typescript-eslint/no-restricted-imports', severity: 2 }, // VaultStore
        { line: 3, rule: '@typescript-eslint/no-restricted-imports', severity: 2 }, // MemoryStore
        { line: 7, rule: 'no-restricted-syntax', severity: 2 }, // import('…/core/aws/index.js')
      ]);
    });
  }

  it('allows them in the composition roots and in core', async () => {
    for (const root of ['src/extension.ts', 'src/cli/main.ts', 'src/core/usecases/lint-probe.ts'])
      assert.deepEqual(await lintAs('imports-store.ts', root), [], root);
  });

  it('refuses a use-case import in core below the use cases, and allows it in the use cases and fronts', async () => {
    assert.deepEqual(await lintAs('imports-usecases.ts', 'src/core/store/lint-probe.ts'), [
      { line: 2, rule: 'no-restricted-imports', severity: 2 },
    ]);
    for (const allowed of ['src/core/usecases/lint-probe.ts', 'src/vscode/lint-probe.ts', 'src/cli/lint-probe.ts'])
      assert.deepEqual(await lintAs('imports-usecases.ts', allowed), [], allowed);
  });
});
