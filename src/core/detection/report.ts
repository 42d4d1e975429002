// Output formats for a multi-file scan: text (values masked), JSON and SARIF 2.1.0. None carries a value.
import type { DroppedMatch, Finding, SkipInfo } from './finding';
import { explainSignals } from './explain';
import { allRuleInfos, type RuleInfo } from './rules';
import { keyedHash, valueHashingFor, type ValueHashing } from './value-hash';
import type { DetectionConfig } from './config';
import { printable } from '../terminal-text';
import { sarifLocation } from './sarif-location';
import { postureSarifResults, postureSarifRules, postureTextLine, type PostureResult } from '../posture/scan-report';

export const RULES_DOC_URL = 'https://github.com/secrets-workbench/secrets-workbench/blob/main/docs/rules.md';

export interface FileReport {
  /** '/'-separated path relative to the scan root. */
  path: string;
  findings: Finding[];
  skipped?: SkipInfo;
  skippedLines?: number[];
  /** Matches dropped on purpose (documented example values), shown by `--verbose`. */
  dropped?: DroppedMatch[];
  /** Set when the file (or a folder, and all below it) could not be read; the scan went on without it. */
  error?: { code: string; message: string };
  /** Least-privilege findings (`scan --posture`), when the file is IaC or policy JSON. */
  posture?: PostureResult[];
}

export interface ScanReport {
  files: FileReport[];
  /** Number of files read and scanned (excludes skipped ones). */
  scannedFiles: number;
  /** What the repository's config turned off, so a reader of the report knows the scan was narrowed. */
  weakening?: ConfigWeakening;
  /** The IaC least-privilege lint ran too (`scan --posture`). */
  posture?: boolean;
  /** Things the scan must tell (custom rules not run, risky patterns), each naming its rule. */
  notices?: { ruleId?: string; level: 'error' | 'warning' | 'note'; message: string }[];
}

/** The parts of `.secrets-workbench.json` that weaken a scan (custom rules only add, so they are not listed). */
export interface ConfigWeakening {
  ignore: string[];
  /** Files and folders matched by `ignore` and not scanned (when the caller counted them). */
  ignoredFiles?: number;
  disabledRules: string[];
  /** How many values are allowed (never the digests' values themselves: they are hashes anyway). */
  allowedValues: number;
}

export function configWeakening(config: DetectionConfig | undefined): ConfigWeakening | undefined {
  if (!config || (!config.ignore.length && !config.disabledRules.length && !config.allowedValues.length))
    return undefined;
  return {
    ignore: [...config.ignore],
    disabledRules: [...config.disabledRules],
    allowedValues: config.allowedValues.length,
  };
}

/** `config weakens this scan: ignore …; disabled rules …; N allowed values`, or undefined when it does not. */
export function weakeningLine(weakening: ConfigWeakening | undefined): string | undefined {
  if (!weakening) return undefined;
  const parts: string[] = [];
  if (weakening.ignore.length) {
    const files = weakening.ignoredFiles !== undefined ? ` (${weakening.ignoredFiles} paths not scanned)` : '';
    parts.push(`ignore ${weakening.ignore.join(', ')}${files}`);
  }
  if (weakening.disabledRules.length) parts.push(`disabled rules ${weakening.disabledRules.join(', ')}`);
  if (weakening.allowedValues)
    parts.push(`${weakening.allowedValues} allowed value${weakening.allowedValues === 1 ? '' : 's'}`);
  return `config weakens this scan: ${parts.join('; ')} (--no-config keeps only its custom rules)`;
}

/** Masks a value for display: the first 4 characters of long values, nothing of short ones. */
export function maskValue(value: string): string {
  return value.length >= 20 ? `${value.slice(0, 4)}${'*'.repeat(8)}` : '*'.repeat(8);
}

export function rulesFor(config?: DetectionConfig): RuleInfo[] {
  const custom = (config?.customRules ?? []).map((r) => ({
    id: r.id,
    kind: r.kind,
    description: r.description ?? `Custom rule from .secrets-workbench.json: ${r.kind}.`,
    level: r.level ?? ('error' as const),
  }));
  return [...allRuleInfos, ...custom];
}

function countFindings(report: ScanReport): number {
  return report.files.reduce((n, f) => n + f.findings.length, 0);
}

export function countPostureFindings(report: ScanReport): number {
  return report.files.reduce((n, f) => n + (f.posture?.length ?? 0), 0);
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function summaryLine(report: ScanReport): string {
  const findings = countFindings(report);
  const withFindings = report.files.filter((f) => f.findings.length).length;
  const skipped = report.files.filter((f) => f.skipped && f.skipped.reason !== 'ignored-by-config').length;
  const unreadable = report.files.filter((f) => f.error).length;
  const posture = report.posture ? `; ${plural(countPostureFindings(report), 'posture finding')}` : '';
  return `${plural(findings, 'finding')} in ${plural(withFindings, 'file')} (${report.scannedFiles} scanned, ${skipped} skipped${unreadable ? `, ${unreadable} unreadable` : ''})${posture}`;
}

/**
 * Human-readable report. `valueOf` returns the finding's source text so it can be shown masked;
 * the raw value itself is never printed.
 */
export function formatText(
  report: ScanReport,
  valueOf: (file: FileReport, finding: Finding) => string,
  options: { verbose?: boolean } = {},
): string {
  const lines: string[] = [];
  // Paths, titles and verifier answers can carry control characters (a file named with an escape sequence).
  const p = printable;
  for (const file of report.files) {
    const path = p(file.path);
    for (const f of file.findings) {
      const at = `${path}:${f.range.start.line + 1}:${f.range.start.character + 1}`;
      const masked = p(maskValue(valueOf(file, f)));
      const v = f.verification;
      const said = v?.identity || v?.reason;
      const verified = v ? `  (${v.status}${said ? `: ${p(said)}` : ''})` : '';
      lines.push(`${at}  ${f.level}  ${p(f.title)}  [${p(f.ruleId)}]  ${masked}${verified}`);
      if (options.verbose) lines.push(`    why: ${p(explainSignals(f))}`);
    }
    for (const r of file.posture ?? []) lines.push(postureTextLine(file.path, r));
    if (options.verbose)
      for (const d of file.dropped ?? [])
        lines.push(`${path}:${d.line + 1}  dropped  ${p(d.reason)}  [${p(d.ruleId)}]`);
    if (file.skipped && file.skipped.reason !== 'ignored-by-config') {
      lines.push(
        `${path}  skipped: ${file.skipped.reason}${file.skipped.detail ? ` (${p(file.skipped.detail)})` : ''}`,
      );
    }
    if (file.error) lines.push(`${file.path}  unreadable: ${file.error.message} (${file.error.code})`);
  }
  for (const notice of report.notices ?? []) lines.push(`${notice.level}: ${p(notice.message)}`);
  const weakening = weakeningLine(report.weakening);
  if (weakening) lines.push(p(weakening));
  lines.push(summaryLine(report));
  return `${lines.join('\n')}\n`;
}

/** What a report says about its hashes: the algorithm, and the salt only when it was made for this report. */
function hashingSummary(hashing: ValueHashing) {
  return {
    algorithm: 'HMAC-SHA256(salt, SHA-256(value))',
    ...(hashing.source === 'project'
      ? { salt: 'valueHashSalt in .secrets-workbench.json (not printed; stable across runs)' }
      : { salt: hashing.salt, saltSource: 'made for this report (add valueHashSalt to the config for stable hashes)' }),
  };
}

/**
 * The findings as a report shows them: valueHash keyed, and the ids built from it (and relatedId) rewritten, so
 * no plain digest of a value, not even 8 hex digits of one, leaves the process.
 */
function keyedFindings(file: FileReport, hashing: ValueHashing) {
  const idOf = new Map<string, string>();
  const keyed = file.findings.map((f) => {
    const valueHash = keyedHash(hashing.salt, f.valueHash);
    const id = f.id.replace(new RegExp(`${f.valueHash.slice(0, 8)}$`), valueHash.slice(0, 8));
    idOf.set(f.id, id);
    return { ...f, id, valueHash };
  });
  return keyed.map((f) => (f.relatedId ? { ...f, relatedId: idOf.get(f.relatedId) ?? f.relatedId } : f));
}

export function formatJson(report: ScanReport, hashing: ValueHashing = valueHashingFor(undefined)): string {
  const findings = report.files.flatMap((file) => keyedFindings(file, hashing).map((f) => ({ path: file.path, ...f })));
  const skipped = report.files
    .filter((f) => f.skipped && f.skipped.reason !== 'ignored-by-config')
    .map((f) => ({ path: f.path, ...f.skipped }));
  const skippedLines = report.files
    .filter((f) => f.skippedLines?.length)
    .map((f) => ({ path: f.path, lines: f.skippedLines!.map((l) => l + 1) }));
  const errors = report.files.filter((f) => f.error).map((f) => ({ path: f.path, ...f.error }));
  const posture = report.files.flatMap((file) => (file.posture ?? []).map((r) => ({ path: file.path, ...r })));
  return `${JSON.stringify(
    {
      tool: 'secrets-workbench',
      summary: {
        findings: findings.length,
        ...(report.posture ? { postureFindings: posture.length } : {}),
        scannedFiles: report.scannedFiles,
        skippedFiles: skipped.length,
        unreadableFiles: errors.length,
        ...(report.weakening ? { configWeakening: report.weakening } : {}),
        valueHashes: hashingSummary(hashing),
      },
      notices: report.notices ?? [],
      findings,
      ...(report.posture ? { posture } : {}),
      skipped,
      skippedLines,
      errors,
    },
    null,
    2,
  )}\n`;
}

function pascalName(kind: string): string {
  return kind
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');
}

/** SARIF 2.1.0, as GitHub code scanning ingests it. */
export function formatSarif(
  report: ScanReport,
  version: string,
  config?: DetectionConfig,
  hashing: ValueHashing = valueHashingFor(config),
): string {
  const rules = rulesFor(config);
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const postureResults = report.files.flatMap((file) =>
    file.posture?.length ? postureSarifResults(file.path, file.posture, rules.length) : [],
  );
  const credentialResults = report.files.flatMap((file) =>
    file.findings.map((f) => ({
      ruleId: f.ruleId,
      ruleIndex: index.get(f.ruleId) ?? 0,
      level: f.level,
      message: { text: f.title },
      locations: [sarifLocation(file.path, f.range)],
      // keyed: survives moves of the line (stable across runs under the project's salt), reveals nothing
      partialFingerprints: {
        'secretsWorkbench/v2': keyedHash(hashing.salt, `${f.ruleId}:${file.path}:${f.valueHash}`),
      },
      properties: {
        confidence: f.confidence,
        construct: f.construct,
        signals: f.signals,
        ...(f.name ? { name: f.name } : {}),
        ...(f.verification ? { verification: f.verification } : {}),
      },
    })),
  );
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'secrets-workbench',
            informationUri: 'https://github.com/secrets-workbench/secrets-workbench',
            version,
            semanticVersion: version,
            rules: [
              ...rules.map((r) => ({
                id: r.id,
                name: pascalName(r.kind),
                shortDescription: { text: r.kind },
                fullDescription: { text: r.description },
                helpUri: `${RULES_DOC_URL}#${r.id}`,
                help: { text: `${r.description} See ${RULES_DOC_URL}#${r.id}` },
                defaultConfiguration: { level: r.level },
                properties: { tags: ['security', 'secrets'], precision: r.level === 'error' ? 'high' : 'medium' },
              })),
              ...(report.posture ? postureSarifRules() : []),
            ],
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: './' } },
        invocations: [
          {
            executionSuccessful: true,
            // files that could not be read, each with its location, so a reader knows what was not scanned
            toolExecutionNotifications: report.files
              .filter((f) => f.error)
              .map((f) => ({
                level: 'error',
                message: { text: `${f.path}: ${f.error!.message} (${f.error!.code})` },
                locations: [
                  { physicalLocation: { artifactLocation: { uri: encodeURI(f.path), uriBaseId: '%SRCROOT%' } } },
                ],
              })),
            toolConfigurationNotifications: [
              ...(report.notices ?? []).map((n) => ({
                level: n.level === 'error' ? 'error' : n.level === 'warning' ? 'warning' : 'note',
                message: { text: n.message },
                ...(n.ruleId ? { associatedRule: { id: n.ruleId } } : {}),
              })),
              ...(report.weakening ? [{ level: 'warning', message: { text: weakeningLine(report.weakening)! } }] : []),
            ],
          },
        ],
        properties: {
          ...(report.weakening ? { configWeakening: report.weakening } : {}),
          valueHashes: hashingSummary(hashing),
        },
        results: [...credentialResults, ...postureResults],
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
