// Custom rules from `.secrets-workbench.json` come from the repository, so their patterns run on RE2 (re2js):
// matching time is linear in the line, whatever the pattern (`(a+)+$` cannot hang a scan or the editor).
import { RE2JS } from 're2js';

export interface CustomMatch {
  /** The secret value's range within the line: the `value` group, else group 1, else the whole match. */
  start: number;
  end: number;
}

export interface CustomPattern {
  matches(line: string): CustomMatch[];
}

/** Nested quantifiers (`(a+)+`): catastrophic backtracking in a backtracking engine; worth telling the author. */
const NESTED_QUANTIFIER = /\((?:[^()\\]|\\.)*[+*}](?:[^()\\]|\\.)*\)(?:[+*]|\{\d*,)/;

export function compileCustomPattern(
  source: string,
  flags = '',
): { pattern?: CustomPattern; error?: string; notice?: string } {
  let compiled: RE2JS;
  try {
    compiled = RE2JS.compile(
      source,
      (flags.includes('i') ? RE2JS.CASE_INSENSITIVE : 0) |
        (flags.includes('m') ? RE2JS.MULTILINE : 0) |
        (flags.includes('s') ? RE2JS.DOTALL : 0),
    );
  } catch (error) {
    return {
      error: `is not supported by the linear-time (RE2) engine custom rules run on: ${(error as Error).message} (lookarounds and backreferences are not available)`,
    };
  }
  const valueGroup = compiled.namedGroups().value ?? (compiled.groupCount() >= 1 ? 1 : 0);
  const pattern: CustomPattern = {
    matches(line) {
      const out: CustomMatch[] = [];
      const m = compiled.matcher(line);
      while (m.find()) {
        if (m.end() === m.start()) continue;
        const start = m.start(valueGroup);
        const end = m.end(valueGroup);
        if (start >= 0 && end > start) out.push({ start, end });
      }
      return out;
    },
  };
  const notice = NESTED_QUANTIFIER.test(source)
    ? 'has nested quantifiers, which backtrack catastrophically in JavaScript; it runs on the linear-time RE2 engine, so scans cannot hang'
    : undefined;
  return { pattern, notice };
}
