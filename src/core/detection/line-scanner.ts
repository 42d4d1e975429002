// Per-line scanning shared by the full-text scan and the incremental DocumentScanner, so both give
// identical results. A combined keyword prefilter gates every rule.
import { sha256Hex } from './checksums';
import type { CustomRuleConfig, DetectionConfig } from './config';
import { emptyConfig } from './config';
import { CONTEXT_KEYWORDS, enclosingName, isCommentLine, scanContextLine, type RawFinding } from './context';
import type { FindingConstruct, QuoteChar } from './finding';
import { syntaxFor, type Syntax } from './language';
import { allRuleInfos, providerRules, type ProviderRule } from './rules';
import { scoreRandomSecret } from './value-model';

/** Lines longer than this are minified code or data blobs: skipped and reported. */
export const MAX_LINE_LENGTH = 4096;

export interface LineFinding extends RawFinding {
  kind: string;
  valueHash: string;
}

export interface CompiledRules {
  syntax: Syntax;
  providers: ProviderRule[];
  custom: { rule: CustomRuleConfig; pattern: RegExp }[];
  contextEnabled: Set<string>;
  /** Tests one line (non-global) — true when any rule might match. */
  linePrefilter: RegExp;
  /** Global, for sweeping whole texts. */
  textPrefilter: RegExp;
  allowed: Set<string>;
  privateKeyEnabled: boolean;
}

const SUPPRESS_LINE =
  /secrets-workbench:ignore(?!-next-line)|gitleaks:allow|pragma: allowlist secret|secretlint-disable-line|\bnosec\b/;
const SUPPRESS_NEXT =
  /secrets-workbench:ignore-next-line|pragma: allowlist nextline secret|secretlint-disable-next-line/;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const PREFILTER_OVERRIDES: Record<string, string> = {
  'twilio-api-key': 'SK[0-9a-f]{32}',
};

export function compileRules(options: { path?: string; languageId?: string; config?: DetectionConfig }): CompiledRules {
  const config = options.config ?? emptyConfig;
  const disabled = new Set(config.disabledRules);
  const providers = providerRules.filter((r) => !disabled.has(r.id));
  const custom = config.customRules
    .filter((r) => !disabled.has(r.id))
    .map((rule) => ({ rule, pattern: new RegExp(rule.pattern, `${(rule.flags ?? '').replace('g', '')}g`) }));
  const fragments = new Set<string>([CONTEXT_KEYWORDS.source, 'secrets-workbench', '-----BEGIN ']);
  for (const rule of providers) {
    const override = PREFILTER_OVERRIDES[rule.id];
    if (override) fragments.add(override);
    else for (const k of rule.keywords) fragments.add(escapeRegExp(k));
  }
  for (const { rule } of custom) for (const k of rule.keywords) fragments.add(escapeRegExp(k));
  const source = [...fragments].join('|');
  return {
    syntax: syntaxFor(options.path, options.languageId),
    providers,
    custom,
    contextEnabled: new Set(
      [
        'generic-password',
        'generic-secret',
        'generic-api-key',
        'generic-token',
        'aws-secret-access-key',
        'jwt-signing-secret',
      ].filter((id) => !disabled.has(id)),
    ),
    linePrefilter: new RegExp(source, 'i'),
    textPrefilter: new RegExp(source, 'gi'),
    allowed: new Set(config.allowedValues),
    privateKeyEnabled: !disabled.has('private-key'),
  };
}

function quoteAround(line: string, start: number, end: number): QuoteChar | undefined {
  const before = line[start - 1];
  if ((before === '"' || before === "'" || before === '`') && line[end] === before) return before;
  return undefined;
}

/** A name is only reported if it reads like an identifier, so a title can never carry a value. */
export function safeName(name: string | undefined): string | undefined {
  if (!name || !/^[A-Za-z_$@:][\w$.:@>-]{0,79}$/.test(name)) return undefined;
  if (scoreRandomSecret(name, 12) > 0) return undefined;
  return name;
}

function providerFinding(
  rule: ProviderRule,
  line: string,
  syntax: Syntax,
  start: number,
  end: number,
  confidence: number,
): RawFinding {
  const quote = quoteAround(line, start, end);
  let construct: FindingConstruct = rule.construct;
  if (construct === 'string-literal') {
    if (isCommentLine(line)) construct = 'comment';
    else if (syntax !== 'code' && syntax !== 'shell') construct = 'config-value';
    else if (!quote) construct = 'other';
  }
  const name = safeName(enclosingName(line, start, end));
  return {
    ruleId: rule.id,
    start,
    end,
    confidence,
    construct,
    source: 'provider',
    priority: rule.priority,
    name,
    quote: quote ?? (construct === 'config-value' ? '' : undefined),
  };
}

function runProvider(rule: ProviderRule, line: string, syntax: Syntax, out: RawFinding[]): void {
  if (rule.pattern.flags.includes('i')) {
    const lower = line.toLowerCase();
    if (!rule.keywords.some((k) => lower.includes(k.toLowerCase()))) return;
  } else if (!rule.keywords.some((k) => line.includes(k))) return;
  const re = rule.pattern;
  re.lastIndex = 0;
  for (let m = re.exec(line); m; m = re.exec(line)) {
    const group = m.groups?.v !== undefined ? 'v' : m.groups?.w !== undefined ? 'w' : undefined;
    const value = group ? m.groups![group] : m[0];
    const start = group ? m.index + m[0].lastIndexOf(value) : m.index;
    const confidence = rule.check ? rule.check(value, m, line) : 0.9;
    if (confidence > 0) out.push(providerFinding(rule, line, syntax, start, start + value.length, confidence));
    if (m[0].length === 0) re.lastIndex++;
  }
}

function runCustom(entry: CompiledRules['custom'][number], line: string, syntax: Syntax, out: RawFinding[]): void {
  const { rule, pattern } = entry;
  if (!rule.keywords.some((k) => line.includes(k))) return;
  pattern.lastIndex = 0;
  for (let m = pattern.exec(line); m; m = pattern.exec(line)) {
    if (m[0].length === 0) {
      pattern.lastIndex++;
      continue;
    }
    const value = m.groups?.value ?? m[1] ?? m[0];
    const start = m.index + m[0].indexOf(value);
    const quote = quoteAround(line, start, start + value.length);
    out.push({
      ruleId: rule.id,
      start,
      end: start + value.length,
      confidence: rule.confidence ?? 0.9,
      construct: quote ? (syntax === 'code' ? 'string-literal' : 'config-value') : 'other',
      source: 'custom',
      priority: 10,
      name: safeName(enclosingName(line, start, start + value.length)),
      quote,
    });
  }
}

/** Keeps the highest-priority finding where findings overlap (provider beats context). */
export function dropOverlaps<T extends { start: number; end: number; priority: number; confidence: number }>(
  items: T[],
): T[] {
  if (items.length < 2) return items;
  const sorted = [...items].sort((a, b) => b.priority - a.priority || b.confidence - a.confidence || a.start - b.start);
  const kept: T[] = [];
  for (const item of sorted) if (!kept.some((k) => item.start < k.end && k.start < item.end)) kept.push(item);
  return kept.sort((a, b) => a.start - b.start);
}

export function isSuppressed(line: string, previousLine: string | undefined): boolean {
  return SUPPRESS_LINE.test(line) || (previousLine !== undefined && SUPPRESS_NEXT.test(previousLine));
}

const KINDS = new Map<string, string>(allRuleInfos.map((r) => [r.id, r.kind]));

export function kindOf(ruleId: string, custom: CompiledRules['custom']): string {
  const customRule = custom.find((c) => c.rule.id === ruleId);
  if (customRule) return customRule.rule.kind;
  return KINDS.get(ruleId) ?? ruleId;
}

const NONE: LineFinding[] = [];

/** Scans one line (no line terminator). Returns findings with columns relative to the line. */
export function scanLine(line: string, previousLine: string | undefined, rules: CompiledRules): LineFinding[] {
  if (line.length > MAX_LINE_LENGTH || !rules.linePrefilter.test(line)) return NONE;
  const raw: RawFinding[] = [];
  for (const rule of rules.providers) runProvider(rule, line, rules.syntax, raw);
  for (const entry of rules.custom) runCustom(entry, line, rules.syntax, raw);
  if (rules.contextEnabled.size && CONTEXT_KEYWORDS.test(line)) {
    const context: RawFinding[] = [];
    scanContextLine(line, rules.syntax, context);
    for (const f of context) if (rules.contextEnabled.has(f.ruleId)) raw.push(f);
  }
  if (!raw.length || isSuppressed(line, previousLine)) return NONE;
  const out: LineFinding[] = [];
  for (const f of dropOverlaps(raw)) {
    const valueHash = sha256Hex(line.slice(f.start, f.end));
    if (rules.allowed.has(valueHash)) continue;
    out.push({ ...f, name: safeName(f.name), kind: kindOf(f.ruleId, rules.custom), valueHash });
  }
  return out.length ? out : NONE;
}
