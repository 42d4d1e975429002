// Which fix generator applies to a file: by VS Code language id, then extension, then content
// (CloudFormation, Kubernetes and Compose are all YAML/JSON and differ only by what they contain).
import type { FixLanguage, ModuleFormat } from './types';

const BY_LANGUAGE_ID: Record<string, FixLanguage> = {
  typescript: 'typescript',
  typescriptreact: 'typescript',
  javascript: 'javascript',
  javascriptreact: 'javascript',
  python: 'python',
  go: 'go',
  java: 'java',
  csharp: 'csharp',
  terraform: 'terraform',
  hcl: 'terraform',
  dotenv: 'dotenv',
  dockercompose: 'docker-compose',
};

const BY_EXTENSION: Record<string, FixLanguage> = {
  ts: 'typescript',
  tsx: 'typescript',
  mts: 'typescript',
  cts: 'typescript',
  js: 'javascript',
  jsx: 'javascript',
  mjs: 'javascript',
  cjs: 'javascript',
  py: 'python',
  go: 'go',
  java: 'java',
  cs: 'csharp',
  tf: 'terraform',
  tfvars: 'terraform',
};

export function baseName(path: string): string {
  return path.replace(/\\/g, '/').split('/').pop() ?? path;
}

export function extensionOf(path: string): string {
  const base = baseName(path).toLowerCase();
  return base.includes('.') ? base.slice(base.lastIndexOf('.') + 1) : '';
}

export function isDotenvPath(path: string): boolean {
  const base = baseName(path).toLowerCase();
  return base === '.env' || base.startsWith('.env.') || base.endsWith('.env');
}

export function isComposePath(path: string): boolean {
  return /^(docker-)?compose(\.[\w-]+)?\.ya?ml$/i.test(baseName(path));
}

const CLOUDFORMATION_MARKERS =
  /AWSTemplateFormatVersion|Transform["']?\s*:\s*["']?AWS::Serverless|["']?Type["']?\s*:\s*["']?AWS::[A-Za-z0-9]+::/;
const KUBERNETES_MARKERS = /^apiVersion\s*:/m;

export function fixLanguageFor(path: string, languageId: string | undefined, text: string): FixLanguage {
  if (isDotenvPath(path)) return 'dotenv';
  if (isComposePath(path)) return 'docker-compose';
  const ext = extensionOf(path);
  const byId = languageId ? BY_LANGUAGE_ID[languageId] : undefined;
  if (byId) return byId;
  if (BY_EXTENSION[ext]) return BY_EXTENSION[ext];
  const yaml = languageId === 'yaml' || ext === 'yml' || ext === 'yaml' || ext === 'template';
  const json = languageId === 'json' || languageId === 'jsonc' || ext === 'json';
  if ((yaml || json) && CLOUDFORMATION_MARKERS.test(text)) return yaml ? 'cloudformation-yaml' : 'cloudformation-json';
  if (yaml && KUBERNETES_MARKERS.test(text) && /^kind\s*:/m.test(text)) return 'kubernetes';
  if (yaml && /^services\s*:/m.test(text)) return 'docker-compose';
  return 'unsupported';
}

/**
 * ESM or CommonJS, as Node would load the file. `.mjs/.mts` and `.cjs/.cts` decide; otherwise the nearest
 * package.json `type`; without one, JS written with import/export is taken as ESM (bundlers), TS as CommonJS
 * (tsc's default output), since top-level `await` only works in real ES modules.
 */
export function moduleFormatFor(
  path: string,
  language: FixLanguage,
  text: string,
  packageType?: 'module' | 'commonjs',
): ModuleFormat {
  const ext = extensionOf(path);
  if (ext === 'mjs' || ext === 'mts') return 'esm';
  if (ext === 'cjs' || ext === 'cts') return 'cjs';
  if (packageType) return packageType === 'module' ? 'esm' : 'cjs';
  if (language === 'typescript') return 'cjs';
  return /^\s*(import\s[^(]|export\s)/m.test(text) ? 'esm' : 'cjs';
}
