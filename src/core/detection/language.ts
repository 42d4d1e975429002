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
  cc: 'code',
  cxx: 'code',
  hpp: 'code',
  hh: 'code',
  hxx: 'code',
  inl: 'code',
  ipp: 'code',
  tcc: 'code',
  tpp: 'code',
  m: 'code',
  mm: 'code',
  dart: 'code',
  lua: 'code',
  pl: 'code',
  pm: 'code',
  r: 'code',
  ex: 'code',
  exs: 'code',
  erl: 'code',
  hs: 'code',
  clj: 'code',
  fs: 'code',
  vb: 'code',
  vue: 'code',
  svelte: 'code',
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

/**
 * The syntax family of a text: its languageId, else its path's name or extension, else (extension-less files,
 * unmapped extensions) what its first lines say: a shebang, C/C++ preprocessor lines, XML, JSON, YAML.
 */
export function syntaxFor(path?: string, languageId?: string, text?: string): Syntax {
  if (languageId && BY_LANGUAGE_ID[languageId]) return BY_LANGUAGE_ID[languageId];
  const syntax = path ? syntaxOfPath(path) : 'unknown';
  return syntax === 'unknown' && text ? sniffSyntax(text) : syntax;
}

const SHEBANG = /^#!\s*(?:\S*\/)?(?:env\s+(?:-\S+\s+)*)?([\w.-]+)/;
const SHELLS = /^(?:sh|bash|zsh|ksh|dash|ash|fish)$/;
const C_FAMILY =
  /^\s*(?:#\s*(?:include|pragma|ifndef|ifdef|define|if\s+defined)\b|namespace\s+[\w:]+\s*\{|template\s*<|(?:class|struct)\s+\w+[^;]*\{|using\s+namespace\b|(?:import|package)\s+[\w.]+;)/m;

/** The syntax a text's content implies (first 2,000 characters), for files whose name says nothing. */
export function sniffSyntax(text: string): Syntax {
  const head = text.length > 2000 ? text.slice(0, 2000) : text;
  const shebang = SHEBANG.exec(head);
  if (shebang) return SHELLS.test(shebang[1]) ? 'shell' : 'code';
  const start = head.trimStart();
  if (start.startsWith('<?xml') || /^<[A-Za-z!]/.test(start)) return 'xml';
  if (C_FAMILY.test(head)) return 'code';
  if (/^[[{]/.test(start) && /^[[{]\s*["{[\]}]/.test(start)) return 'json';
  if (/^(?:---\s*$|apiVersion:|kind:)/m.test(start.slice(0, 200))) return 'yaml';
  return 'unknown';
}

// a few string operations per path, no regex or split: a workspace scan asks once per file
function syntaxOfPath(path: string): Syntax {
  const base = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1).toLowerCase();
  if (base === 'dockerfile' || base.startsWith('dockerfile.') || base.endsWith('.dockerfile')) return 'dockerfile';
  if (base === '.env' || base.startsWith('.env.') || base.endsWith('.env')) return 'env';
  if (base === '.npmrc' || base === '.pypirc' || base === 'credentials') return 'ini';
  const dot = base.lastIndexOf('.');
  return (dot >= 0 && BY_EXTENSION[base.slice(dot + 1)]) || 'unknown';
}

/** Whether a bare (unquoted) value after `name=` / `name:` is a literal in this syntax. */
export function allowsUnquotedValues(syntax: Syntax): boolean {
  return syntax !== 'code' && syntax !== 'json' && syntax !== 'toml' && syntax !== 'hcl';
}
