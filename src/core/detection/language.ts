// Maps a path / VS Code languageId to the syntax family that decides which assignment forms exist.

export type Syntax =
  'code' | 'shell' | 'env' | 'yaml' | 'json' | 'toml' | 'ini' | 'properties' | 'xml' | 'hcl' | 'dockerfile' | 'unknown';

const BY_LANGUAGE_ID: Record<string, Syntax> = {
  javascript: 'code',
  javascriptreact: 'code',
  typescript: 'code',
  typescriptreact: 'code',
  python: 'code',
  go: 'code',
  java: 'code',
  csharp: 'code',
  ruby: 'code',
  php: 'code',
  rust: 'code',
  kotlin: 'code',
  swift: 'code',
  scala: 'code',
  c: 'code',
  cpp: 'code',
  shellscript: 'shell',
  powershell: 'shell',
  dotenv: 'env',
  yaml: 'yaml',
  'github-actions-workflow': 'yaml',
  dockercompose: 'yaml',
  json: 'json',
  jsonc: 'json',
  toml: 'toml',
  ini: 'ini',
  properties: 'properties',
  'java-properties': 'properties',
  xml: 'xml',
  terraform: 'hcl',
  hcl: 'hcl',
  dockerfile: 'dockerfile',
};

const BY_EXTENSION: Record<string, Syntax> = {
  js: 'code',
  mjs: 'code',
  cjs: 'code',
  jsx: 'code',
  ts: 'code',
  mts: 'code',
  cts: 'code',
  tsx: 'code',
  py: 'code',
  go: 'code',
  java: 'code',
  cs: 'code',
  rb: 'code',
  php: 'code',
  rs: 'code',
  kt: 'code',
  kts: 'code',
  swift: 'code',
  scala: 'code',
  c: 'code',
  h: 'code',
  cpp: 'code',
  groovy: 'code',
  gradle: 'code',
  sh: 'shell',
  bash: 'shell',
  zsh: 'shell',
  ps1: 'shell',
  env: 'env',
  yml: 'yaml',
  yaml: 'yaml',
  json: 'json',
  jsonc: 'json',
  toml: 'toml',
  ini: 'ini',
  cfg: 'ini',
  conf: 'ini',
  npmrc: 'ini',
  properties: 'properties',
  xml: 'xml',
  config: 'xml',
  csproj: 'xml',
  plist: 'xml',
  tf: 'hcl',
  tfvars: 'hcl',
  hcl: 'hcl',
  dockerfile: 'dockerfile',
};

export function syntaxFor(path?: string, languageId?: string): Syntax {
  if (languageId && BY_LANGUAGE_ID[languageId]) return BY_LANGUAGE_ID[languageId];
  if (!path) return 'unknown';
  const base = path.replace(/\\/g, '/').split('/').pop()!.toLowerCase();
  if (base === 'dockerfile' || base.startsWith('dockerfile.') || base.endsWith('.dockerfile')) return 'dockerfile';
  if (base === '.env' || base.startsWith('.env.') || base.endsWith('.env')) return 'env';
  if (base === '.npmrc' || base === '.pypirc' || base === 'credentials') return 'ini';
  const ext = base.includes('.') ? base.slice(base.lastIndexOf('.') + 1) : '';
  return BY_EXTENSION[ext] ?? 'unknown';
}

/** Whether a bare (unquoted) value after `name=` / `name:` is a literal in this syntax. */
export function allowsUnquotedValues(syntax: Syntax): boolean {
  return syntax !== 'code' && syntax !== 'json' && syntax !== 'toml' && syntax !== 'hcl';
}
