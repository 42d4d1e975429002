// The fix that is right in every language and context: the literal becomes a read of an environment
// variable, and the project's `env` map (`.secrets-workbench.json`) records VARIABLE → secret[#key], which
// `secrets-workbench run`, offline mode and VS Code terminals/tasks inject at run time (the model of
// `op run`, `doppler run`, `aws-vault exec`).
import {
  envVariableName,
  formatSecretReference,
  freeVariableName,
  parseSecretReference,
  ENV_NAME,
  type EnvMap,
} from '../../env/env-map';
import { literalSpan } from '../literal';
import { nameWords } from '../naming';
import { eolOf } from '../text';
import type { FixLanguage, FixPlan, FixRequest, FixTarget, TextEdit } from '../types';
import { constEdit } from './native';
import { pythonImportSite } from './python';

/** Languages whose code can read an environment variable (config formats have their own fixes). */
export const ENV_READ_LANGUAGES: ReadonlySet<FixLanguage> = new Set([
  'typescript',
  'javascript',
  'python',
  'go',
  'java',
  'csharp',
]);

const READ: Record<string, (variable: string) => string> = {
  typescript: (v) => `process.env.${v}!`,
  javascript: (v) => `process.env.${v}`,
  python: (v) => `os.environ["${v}"]`,
  go: (v) => `os.Getenv("${v}")`,
  java: (v) => `System.getenv("${v}")`,
  csharp: (v) => `System.Environment.GetEnvironmentVariable("${v}")`,
};

/**
 * Why the env map cannot name this secret: a reference is `name` or `name#key`, so a '#' in a name without a key
 * (or in a key) would be read back as another secret or key.
 */
export function envReferenceProblem(request: FixRequest): string | undefined {
  for (const target of request.targets) {
    const reference = { secretId: target.secretName ?? request.secretName, jsonKey: target.jsonKey };
    const back = parseSecretReference(formatSecretReference(reference));
    if (back.secretId !== reference.secretId || back.jsonKey !== reference.jsonKey) {
      return `The env map cannot name secret ${JSON.stringify(reference.secretId)} (a '#' in it would be read as a JSON key).`;
    }
  }
  return undefined;
}

/** The variable each target is read from, unique within the map; a .env or an existing name is kept as is. */
export function envVariablesFor(request: FixRequest, keepNames = false): { names: string[]; entries: EnvMap } {
  const taken: EnvMap = { ...request.existingEnv };
  const entries: EnvMap = {};
  const names = request.targets.map((target) => {
    const reference = formatSecretReference({
      secretId: target.secretName ?? request.secretName,
      jsonKey: target.jsonKey,
    });
    const own = target.finding.name;
    const wanted =
      keepNames && own && ENV_NAME.test(own)
        ? own
        : (envVariableName(wordsFor(target, target.secretName ?? request.secretName)) ?? 'SECRET');
    const name = keepNames && own && ENV_NAME.test(own) ? own : freeVariableName(wanted, reference, taken);
    taken[name] = reference;
    entries[name] = reference;
    return name;
  });
  return { names, entries };
}

function wordsFor(target: FixTarget, secretName: string): string[] {
  const fromName = nameWords(
    target.finding.name
      ?.split(/[.[\]'"]/)
      .filter(Boolean)
      .pop() ?? '',
  );
  if (fromName.length) return fromName;
  const last = nameWords(secretName.split('/').pop() ?? '');
  return target.jsonKey ? [...last, ...nameWords(target.jsonKey)] : last;
}

export function planEnvReadFix(request: FixRequest, language: FixLanguage): FixPlan {
  const read = READ[language];
  if (!read) throw new Error(`no environment read for ${language}`);
  const problem = envReferenceProblem(request);
  if (problem)
    return { language, mode: 'env', edits: [], createFiles: [], notes: [], blocked: problem, changesFile: false };
  const text = request.text;
  const { names, entries } = envVariablesFor(request);
  const edits: TextEdit[] = [];
  const seenConst = new Set<number>();
  request.targets.forEach((target, i) => {
    const span = literalSpan(text, target.finding, language === 'typescript' ? 'javascript' : language);
    edits.push({ start: span.start, end: span.end, newText: read(names[i]) });
    if (language === 'go' || language === 'csharp') {
      const edit = constEdit(language, text, span.start);
      if (edit && !seenConst.has(edit.start)) {
        seenConst.add(edit.start);
        edits.push(edit);
      }
    }
  });
  const importEdit = language === 'python' ? pythonOsImport(text) : language === 'go' ? goOsImport(text) : undefined;
  if (importEdit) edits.push(importEdit);
  const list = Object.keys(entries).join(', ');
  return {
    language,
    mode: 'env',
    edits,
    createFiles: [],
    env: entries,
    notes: [
      `Reads ${list} from the environment; .secrets-workbench.json maps ${names.length > 1 ? 'them' : 'it'} to ${request.secretName}. Run with \`secrets-workbench run -- <command>\` (or in offline mode, or a VS Code terminal) to inject ${names.length > 1 ? 'them' : 'it'}.`,
    ],
    dependency: language === 'typescript' ? 'npm i -D @types/node' : undefined,
    changesFile: true,
  };
}

function pythonOsImport(text: string): TextEdit | undefined {
  if (/^import[ \t]+([\w \t]+,[ \t]*)?os\b/m.test(text)) return undefined;
  const site = pythonImportSite(text, 'import os');
  const eol = eolOf(text);
  const needsBreak = site.offset > 0 && text[site.offset - 1] !== '\n';
  return { start: site.offset, end: site.offset, newText: `${needsBreak ? eol : ''}import os${eol}` };
}

/** Adds "os" to a Go file's imports (into the import block, beside a single import, or after `package`). */
export function goOsImport(text: string): TextEdit | undefined {
  if (/^[ \t]*(import[ \t]+)?"os"[ \t]*\r?$/m.test(text)) return undefined;
  const eol = eolOf(text);
  const block = /^import\s*\(\s*?\r?\n/m.exec(text);
  if (block) {
    const at = block.index + block[0].length;
    return { start: at, end: at, newText: `\t"os"${eol}` };
  }
  const single = /^import[ \t]+(\w+[ \t]+)?"[^"]+"[ \t]*$/m.exec(text);
  if (single) {
    const at = single.index + single[0].length;
    return { start: at, end: at, newText: `${eol}import "os"` };
  }
  const pkg = /^package\s+\w+.*$/m.exec(text);
  const at = pkg ? pkg.index + pkg[0].length : 0;
  return { start: at, end: at, newText: `${eol}${eol}import "os"` };
}
