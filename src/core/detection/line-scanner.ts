// Per-line scanning shared by the full-text scan and the incremental DocumentScanner, so both give
// identical results. A combined keyword prefilter gates every rule.
import { allowList } from './value-hash';
import { sha256Hex } from './checksums';
import type { CustomRuleConfig, DetectionConfig } from './config';
import { emptyConfig } from './config';
import {
  CODE_CONTEXT_FRAGMENTS,
  CONTEXT_FRAGMENTS,
  continuesOnNextLine,
  enclosingName,
  isCommentLine,
  scanContextLine,
  type LinesBefore,
  type RawFinding,
} from './context';
import type { FindingConstruct, FindingSignals, QuoteChar } from './finding';
import { syntaxFor, type Syntax } from './language';
import { compileCustomPattern, type CustomPattern } from './custom-pattern';
import { KeywordPrefilter, type Keyword, type PrefilteredText } from './prefilter';
import { nearMissOf, nearMissReason } from './near-miss';
import { allRuleInfos, providerRules, type ProviderRule, type Verdict } from './rules';
import { shannonEntropy } from './value-model';
import { scoreRandomSecret } from './value-model';

/** Lines longer than this are minified code or data blobs: skipped and reported. */
export const MAX_LINE_LENGTH = 4096;

export interface LineFinding extends RawFinding {
  kind: string;
  valueHash: string;
  level: 'error' | 'warning' | 'note';
  signals: FindingSignals;
}

/** A provider match dropped on purpose (documented example values), with its column. */
export interface LineDrop {
  ruleId: string;
  reason: string;
}

export interface CompiledRules {
  syntax: Syntax;
  providers: ProviderRule[];
  custom: { rule: CustomRuleConfig; pattern: CustomPattern }[];
  contextEnabled: Set<string>;
  /** Provider rules with the prefilter group bit their keywords set. */
  providerGates: { rule: ProviderRule; bit: number }[];
  /** The union of the providers' bits: a line without any of them skips the walk over every provider. */
  providerBits: number;
  /** True for lines (and finds positions in texts) where any rule might match; its mask says which. */
  prefilter: LinePrefilter;
  allowed: { has(valueHash: string): boolean };
  privateKeyEnabled: boolean;
  /** Whole-text format rules (formats.ts) that are not disabled. */
  formatsEnabled: Set<string>;
}

// Prefilter groups (bits of a line's mask): context names, markers, custom rules, then the provider rules,
// which share the remaining bits (rule i sets bit FIRST_PROVIDER_GROUP + i mod PROVIDER_GROUPS): a line runs
// the few rules whose bit its keywords set, so the rule count can grow past the 32 bits of the mask.
const CONTEXT_GROUP = 0;
const MARKER_GROUP = 1;
const CUSTOM_GROUP = 2;
const FIRST_PROVIDER_GROUP = 3;
const PROVIDER_GROUPS = 30 - FIRST_PROVIDER_GROUP;
// Keywords of some syntaxes only (`- name: DB_PASSWORD` + `value: …`, HCL `variable "x" { default = … }`: the
// value line has no keyword) have bits of their own, so one prefilter serves every syntax but code, which has
// its own without the service names (building one costs tens of ms): where the syntax wants them they count as
// context keywords, elsewhere as nothing.
const VALUE_GROUP = 30;
const DEFAULT_GROUP = 31;
const SYNTAX_BITS = (1 << VALUE_GROUP) | (1 << DEFAULT_GROUP);

const SUPPRESS_LINE =
  /secrets-workbench:ignore(?!-next-line)|gitleaks:allow|pragma: allowlist secret|secretlint-disable-line|\bnosec\b/;
const SUPPRESS_NEXT =
  /secrets-workbench:ignore-next-line|pragma: allowlist nextline secret|secretlint-disable-next-line/;

const compiledCache = new WeakMap<DetectionConfig, Map<Syntax, CompiledRules>>();
/** Per config, one prefilter for code and one shared by every other syntax (see LinePrefilter). */
const prefilterCache = new WeakMap<DetectionConfig, { code?: KeywordPrefilter; other?: KeywordPrefilter }>();

export function compileRules(
  options: { path?: string; languageId?: string; config?: DetectionConfig },
  text?: string,
): CompiledRules {
  const config = options.config ?? emptyConfig;
  const syntax = syntaxFor(options.path, options.languageId, text);
  let bySyntax = compiledCache.get(config);
  if (!bySyntax) compiledCache.set(config, (bySyntax = new Map()));
  let compiled = bySyntax.get(syntax);
  if (!compiled) bySyntax.set(syntax, (compiled = compile(config, syntax)));
  return compiled;
}

function compile(config: DetectionConfig, syntax: Syntax): CompiledRules {
  const disabled = new Set(config.disabledRules);
  const providers = providerRules.filter((r) => !disabled.has(r.id));
  const custom = config.customRules
    .filter((r) => !disabled.has(r.id))
    .flatMap((rule) => {
      // a rule RE2 cannot run is reported by customRuleProblems() and left out; the others still run
      const { pattern } = compileCustomPattern(rule.pattern, rule.flags);
      return pattern ? [{ rule, pattern }] : [];
    });
  const syntaxBits =
    (syntax === 'yaml' || syntax === 'json' || syntax === 'unknown' ? 1 << VALUE_GROUP : 0) |
    (syntax === 'hcl' || syntax === 'unknown' ? 1 << DEFAULT_GROUP : 0);
  const keywords: Keyword[] = [
    // source code leaves out the service names without a provider rule (see CONTEXT_FRAGMENTS)
    ...(syntax === 'code' ? CODE_CONTEXT_FRAGMENTS : CONTEXT_FRAGMENTS).map((text) => ({
      text,
      group: CONTEXT_GROUP,
      folded: true,
    })),
    { text: 'value:', group: VALUE_GROUP, folded: true },
    { text: '"value"', group: VALUE_GROUP, folded: true },
    { text: 'default', group: DEFAULT_GROUP, folded: true },
    ...['secrets-workbench', '-----begin '].map((text) => ({ text, group: MARKER_GROUP, folded: true })),
    ...custom.flatMap(({ rule }) => rule.keywords.map((text) => ({ text, group: CUSTOM_GROUP, folded: false }))),
  ];
  const providerGates = providers.map((rule, i) => {
    const group = FIRST_PROVIDER_GROUP + (i % PROVIDER_GROUPS);
    for (const text of rule.keywords) keywords.push({ text, group, folded: rule.folded });
    return { rule, bit: 1 << group };
  });
  return {
    syntax,
    providers,
    providerGates,
    providerBits: providerGates.reduce((bits, gate) => bits | gate.bit, 0),
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
    prefilter: new LinePrefilter(sharedPrefilter(config, keywords, syntax === 'code' ? 'code' : 'other'), syntaxBits),
    allowed: allowList(config),
    privateKeyEnabled: !disabled.has('private-key'),
    formatsEnabled: new Set(['kubernetes-secret'].filter((id) => !disabled.has(id))),
  };
}

function sharedPrefilter(
  config: DetectionConfig,
  keywords: readonly Keyword[],
  kind: 'code' | 'other',
): KeywordPrefilter {
  let pair = prefilterCache.get(config);
  if (!pair) prefilterCache.set(config, (pair = {}));
  return (pair[kind] ??= new KeywordPrefilter(keywords));
}

/** The shared prefilter as one syntax sees it: its syntax keywords read as context keywords, others dropped. */
export class LinePrefilter {
  constructor(
    private readonly base: KeywordPrefilter,
    /** The syntax-keyword bits this syntax wants. */
    private readonly wanted: number,
  ) {}

  private mask(mask: number): number {
    if (!(mask & SYNTAX_BITS)) return mask;
    return (mask & ~SYNTAX_BITS) | (mask & this.wanted ? 1 << CONTEXT_GROUP : 0);
  }

  /** The candidate lines of a text, without those whose only keywords are another syntax's. */
  scan(text: string): PrefilteredText {
    const scanned = this.base.scan(text);
    const lines = scanned.lines;
    let kept = 0;
    for (let k = 0; k < lines.length; k += 3) {
      const mask = this.mask(lines[k + 2]);
      if (!mask) continue;
      lines[kept] = lines[k];
      lines[kept + 1] = lines[k + 1];
      lines[kept + 2] = mask;
      kept += 3;
    }
    return kept === lines.length ? scanned : { symbols: scanned.symbols, lines: lines.subarray(0, kept) };
  }

  maskOf(symbols: Uint8Array, from?: number, to?: number): number {
    return this.mask(this.base.maskOf(symbols, from, to));
  }

  maskOfLine(line: string): number {
    return this.mask(this.base.maskOfLine(line));
  }

  test(line: string): boolean {
    return this.maskOfLine(line) !== 0;
  }
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
  verdict: Verdict,
): RawFinding {
  const quote = quoteAround(line, start, end);
  let construct: FindingConstruct = rule.construct;
  if (construct === 'string-literal') {
    if (isCommentLine(line)) construct = 'comment';
    else if (syntax !== 'code' && syntax !== 'shell') construct = 'config-value';
    else if (!quote) construct = 'other';
  }
  const name = safeName(enclosingName(line, start, end));
  const finding: RawFinding = {
    ruleId: rule.id,
    start,
    end,
    confidence: verdict.confidence,
    construct,
    source: 'provider',
    priority: rule.priority,
    name,
    quote: quote ?? (construct === 'config-value' ? '' : undefined),
    signals: verdict.signals,
  };
  if (verdict.level) finding.level = verdict.level;
  if (verdict.note) finding.note = verdict.note;
  return finding;
}

const VALUE_GROUPS = ['v', 'w', 'x', 'y', 'z', 'u'] as const;

function runProvider(rule: ProviderRule, line: string, syntax: Syntax, out: RawFinding[], dropped?: LineDrop[]): void {
  const re = rule.pattern;
  re.lastIndex = 0;
  for (let m = re.exec(line); m; m = re.exec(line)) {
    const groups = m.groups;
    const group = groups ? VALUE_GROUPS.find((g) => groups[g] !== undefined) : undefined;
    const value = group ? groups![group] : m[0];
    const start = group ? m.index + m[0].lastIndexOf(value) : m.index;
    const verdict = rule.judge(value, m, line);
    if (verdict.confidence > 0) out.push(providerFinding(rule, line, syntax, start, start + value.length, verdict));
    else if (verdict.dropped && dropped) dropped.push({ ruleId: rule.id, reason: verdict.dropped });
    if (m[0].length === 0) re.lastIndex++;
  }
}

function runCustom(entry: CompiledRules['custom'][number], line: string, syntax: Syntax, out: RawFinding[]): void {
  const { rule, pattern } = entry;
  if (!rule.keywords.some((k) => line.includes(k))) return;
  for (const { start, end } of pattern.matches(line)) {
    const quote = quoteAround(line, start, end);
    out.push({
      ruleId: rule.id,
      start,
      end,
      confidence: rule.confidence ?? 0.9,
      construct: quote ? (syntax === 'code' ? 'string-literal' : 'config-value') : 'other',
      source: 'custom',
      level: rule.level ?? 'error',
      priority: 10,
      name: safeName(enclosingName(line, start, end)),
      quote,
    });
  }
}

/**
 * A context finding whose value is a near-miss of a provider format (near-miss.ts) is no finding: dropped, with
 * its reason, before it can win an overlap against a finding that stands.
 */
function isNearMiss(f: RawFinding, line: string, dropped?: LineDrop[]): boolean {
  const nearMiss = nearMissOf(line.slice(f.start, f.end));
  if (nearMiss) dropped?.push({ ruleId: f.ruleId, reason: nearMissReason(nearMiss) });
  return nearMiss !== undefined;
}

/** Keeps the highest-priority finding where findings overlap (provider beats context). */
export function dropOverlaps<T extends { start: number; end: number; priority: number; confidence: number }>(
  items: T[],
): T[] {
  if (items.length < 2) return items;
  const byStart = [...items].sort((a, b) => a.start - b.start);
  const kept: T[] = [];
  // sweep clusters of overlapping items; resolve each cluster by priority
  for (let i = 0; i < byStart.length;) {
    let end = byStart[i].end;
    let j = i + 1;
    while (j < byStart.length && byStart[j].start < end) end = Math.max(end, byStart[j++].end);
    if (j - i === 1) kept.push(byStart[i]);
    else {
      const cluster = byStart
        .slice(i, j)
        .sort((a, b) => b.priority - a.priority || b.confidence - a.confidence || a.start - b.start);
      const chosen: T[] = [];
      for (const item of cluster) if (!chosen.some((k) => item.start < k.end && k.start < item.end)) chosen.push(item);
      kept.push(...chosen.sort((a, b) => a.start - b.start));
    }
    i = j;
  }
  return kept;
}

export function isSuppressed(line: string, previous: string | undefined): boolean {
  return SUPPRESS_LINE.test(line) || (previous !== undefined && SUPPRESS_NEXT.test(previous));
}

/** How many preceding lines a line's result may depend on (markers, `- name:`, HCL `variable` blocks). */
export const CONTEXT_LINES = 4;
export { continuesOnNextLine };

const KINDS = new Map<string, string>(allRuleInfos.map((r) => [r.id, r.kind]));

export function kindOf(ruleId: string, custom: CompiledRules['custom']): string {
  const customRule = custom.find((c) => c.rule.id === ruleId);
  if (customRule) return customRule.rule.kind;
  return KINDS.get(ruleId) ?? ruleId;
}

const NONE: LineFinding[] = [];

/** Preceding lines already at hand (the incremental scanner keeps its lines in an array). */
class FixedLinesBefore implements LinesBefore {
  constructor(private readonly lines: readonly string[]) {}
  get(): readonly string[] {
    return this.lines;
  }
  previous(): string | undefined {
    return this.lines[0];
  }
}

/**
 * Scans one line (no line terminator); `before` holds up to CONTEXT_LINES preceding lines, nearest first.
 * Returns findings with columns relative to the line.
 */
export function scanLine(line: string, before: readonly string[], rules: CompiledRules): LineFinding[] {
  if (line.length > MAX_LINE_LENGTH) return NONE;
  return scanMaskedLine(line, rules.prefilter.maskOfLine(line), new FixedLinesBefore(before), rules, false);
}

const LEVELS = new Map(allRuleInfos.map((r) => [r.id, r.level]));

/** The evidence behind a finding: what its rule saw, plus the name, the value's entropy and the file kind. */
function signalsOf(f: RawFinding, value: string, syntax: Syntax): FindingSignals {
  const signals: FindingSignals = { ...f.signals };
  if (signals.entropy === undefined && f.source !== 'custom')
    signals.entropy = Math.round(shannonEntropy(value) * 100) / 100;
  if (f.name && f.source === 'context') signals.name = f.name;
  signals.fileKind = syntax;
  return signals;
}

/** Whether the line before ends an assignment that continues on this line (`key =` ⏎ `'…'`). */
function continuesInto(before: LinesBefore, rules: CompiledRules): boolean {
  const previous = before.previous();
  return previous !== undefined && continuesOnNextLine(previous) && rules.prefilter.test(previous);
}

/**
 * `scanLine` for a caller that already has the line's prefilter mask; `knownCandidate` lines are scanned
 * even without a keyword (continuations of a wrapped assignment).
 */
export function scanMaskedLine(
  line: string,
  mask: number,
  before: LinesBefore,
  rules: CompiledRules,
  knownCandidate: boolean,
  dropped?: LineDrop[],
): LineFinding[] {
  // computed at most once, and only for lines without a keyword or without a context keyword
  let continued: boolean | undefined;
  if (!knownCandidate && !mask) {
    continued = continuesInto(before, rules);
    if (!continued) return NONE;
  }
  const raw: RawFinding[] = [];
  // each provider's regex only runs on lines that carry one of its keywords
  if (mask & rules.providerBits)
    for (const { rule, bit } of rules.providerGates)
      if (mask & bit) runProvider(rule, line, rules.syntax, raw, dropped);
  if (mask & (1 << CUSTOM_GROUP)) for (const entry of rules.custom) runCustom(entry, line, rules.syntax, raw);
  if (rules.contextEnabled.size && (mask & (1 << CONTEXT_GROUP) || (continued ?? continuesInto(before, rules)))) {
    const context: RawFinding[] = [];
    scanContextLine(line, rules.syntax, context, before);
    for (const f of context) if (rules.contextEnabled.has(f.ruleId) && !isNearMiss(f, line, dropped)) raw.push(f);
  }
  if (!raw.length || isSuppressed(line, before.previous())) return NONE;
  const out: LineFinding[] = [];
  for (const f of dropOverlaps(raw)) {
    const value = line.slice(f.start, f.end);
    const valueHash = sha256Hex(value);
    if (rules.allowed.has(valueHash)) continue;
    out.push({
      ...f,
      name: safeName(f.name),
      kind: kindOf(f.ruleId, rules.custom),
      valueHash,
      level: f.level ?? LEVELS.get(f.ruleId) ?? 'warning',
      signals: signalsOf(f, value, rules.syntax),
    });
  }
  return out.length ? out : NONE;
}

export interface CustomRuleProblem {
  ruleId: string;
  level: 'error' | 'notice';
  message: string;
}

/** What the scan should tell about the config's custom rules: ones RE2 cannot run (left out), risky ones (run safely). */
export function customRuleProblems(config: DetectionConfig): CustomRuleProblem[] {
  const out: CustomRuleProblem[] = [];
  for (const rule of config.customRules) {
    const { error, notice } = compileCustomPattern(rule.pattern, rule.flags);
    if (error)
      out.push({
        ruleId: rule.id,
        level: 'error',
        message: `custom rule "${rule.id}" is not run: its pattern ${error}`,
      });
    else if (notice) out.push({ ruleId: rule.id, level: 'notice', message: `custom rule "${rule.id}" ${notice}` });
  }
  return out;
}
