// Runs secretlint (recommended preset) in-process on texts, for side-by-side comparison.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

interface SecretlintMessage {
  ruleId: string;
  range: readonly [number, number];
}
interface SecretlintCore {
  lintSource(input: {
    source: { content: string; filePath: string; contentType: 'text' };
    options: { config: { rules: unknown[] }; maskSecrets?: boolean };
  }): Promise<{ messages: SecretlintMessage[] }>;
}

export interface Secretlint {
  version: string;
  lint(content: string, filePath: string): Promise<{ ruleId: string; start: number; end: number }[]>;
}

export async function loadSecretlint(): Promise<Secretlint> {
  // secretlint 12 bundles its own @secretlint/core 12 (the top-level one is an older transitive copy)
  const coreDir = resolve('node_modules/secretlint/node_modules/@secretlint/core');
  const core = (await import(pathToFileURL(`${coreDir}/module/index.js`).href)) as SecretlintCore;
  const preset = (await import('@secretlint/secretlint-rule-preset-recommend')) as { creator: unknown };
  const { version } = JSON.parse(readFileSync('node_modules/secretlint/package.json', 'utf8')) as { version: string };
  const config = { rules: [{ id: '@secretlint/secretlint-rule-preset-recommend', rule: preset.creator }] };
  return {
    version: version ?? 'unknown',
    async lint(content, filePath) {
      const result = await core.lintSource({
        source: { content, filePath, contentType: 'text' },
        options: { config, maskSecrets: true },
      });
      return result.messages.map((m) => ({ ruleId: m.ruleId, start: m.range[0], end: m.range[1] }));
    },
  };
}
