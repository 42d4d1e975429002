// Quick-fix toasts end with "Needs: <how to add the dependency>" (src/vscode/quickfix/move-secret.ts): each
// language's plan names its own install command (issue #16, rough edge "quick-fix toasts").
import assert from 'node:assert/strict';
import { applyCase, loadCases } from './fixture-cases';

const expected: Record<string, RegExp> = {
  'js-esm': /^npm i @aws-sdk\/client-secrets-manager$/,
  'ts-esm': /^npm i @aws-sdk\/client-secrets-manager$/,
  python: /^pip install boto3$/,
  go: /^go get github\.com\/aws\/aws-sdk-go-v2\/config github\.com\/aws\/aws-sdk-go-v2\/service\/secretsmanager$/,
  java: /software\.amazon\.awssdk:secretsmanager/,
  csharp: /^dotnet add package AWSSDK\.SecretsManager$/,
};

describe('fix generators: the dependency each fix needs, named with its install command', () => {
  const cases = new Map(loadCases().map((c) => [c.id, c]));
  for (const [id, command] of Object.entries(expected)) {
    it(`${id}: ${command.source.replace(/\\/g, '')}`, () => {
      const goldenCase = cases.get(id);
      assert.ok(goldenCase, `fixture case ${id}`);
      const plans = applyCase(goldenCase).plans.filter((plan) => plan.changesFile && plan.mode === 'fetch');
      assert.ok(plans.length, 'a fetch fix');
      for (const plan of plans) assert.match(plan.dependency ?? '', command);
    });
  }
});
