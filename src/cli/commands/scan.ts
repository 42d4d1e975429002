// `secrets-workbench scan`: find hardcoded credentials in files and report them as text, JSON or SARIF.
import { existsSync, writeFileSync } from 'node:fs';
import { printable, printableLines } from '../../core/terminal-text';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import {
  additionsOnly,
  configWeakening,
  customRuleProblems,
  weakeningLine,
  CONFIG_FILE_NAME,
  ConfigError,
  configForExplicitPaths,
  formatJson,
  formatSarif,
  formatText,
  loadConfigFile,
  summaryLine,
  type DetectionConfig,
  type FileReport,
  type Finding,
  type ScanReport,
} from '../../core/detection/index';
import { valueHashingFor } from '../../core/detection/value-hash';
import { scanInParallel } from '../../core/scan/parallel';
import { loadPostureLint } from '../../core/scan/posture-loader';
import {
  MissingPathError,
  scanWorkspace,
  type FilePipeline,
  type ScannedFile,
} from '../../core/usecases/scan-workspace';
import { credentialFingerprint, VerificationCache, verifierFor } from '../../core/verify/index';
import { productVersion } from '../../core/version';
import { createBaselineFilter, writeBaseline } from '../../core/git/baseline';
import { baselineWrittenLine, loadBaseline, previousBaseline } from './baseline-args';
import { runHistoryScan } from './scan-history';
import { usePrefilterTableStore } from '../../core/detection/prefilter';
import { fileTableStore, prefilterCacheDir } from '../../core/scan/prefilter-cache';
import { ExitCode, UsageError, type CliCommand, type CliIo } from './types';

type Format = 'text' | 'json' | 'sarif';

interface ScanArgs {
  paths: string[];
  format: Format;
  output?: string;
  config?: string;
  gitignore: boolean;
  verbose: boolean;
  /** --no-config: keep only the config's additions (custom rules), never its ignore/disabledRules/allowedValues. */
  additionsOnly: boolean;
  /** --verify: ask each credential's own provider whether it is live (off by default). */
  verify: boolean;
  verifyEndpoints: Record<string, string>;
  /** --history [PATH] (#22), with --all, --since REV or --range A..B. */
  history?: { all?: boolean; since?: string; range?: string; staged?: boolean };
  /** --baseline FILE: report only findings not in it; --write-baseline FILE: record the current findings. */
  baseline?: string;
  writeBaseline?: string;
  /** --posture: also run the IaC least-privilege lint (docs/posture.md). */
  posture: boolean;
}

const USAGE = `Usage: secrets-workbench scan [paths...] [options]

Finds hardcoded credentials. Directories are walked recursively, honouring .gitignore files and the
"ignore" globs of .secrets-workbench.json (see docs/detection.md and docs/rules.md).

Options:
  --format text|json|sarif  output format (default: text; values are always masked or omitted)
  --output <file>           write the report to a file instead of stdout
  --config <file>           configuration file (default: ./${CONFIG_FILE_NAME} when present)
  --no-gitignore            do not honour .gitignore files
  --no-config               use only what the config adds (customRules): its ignore, disabledRules and
                            allowedValues are not applied (for CI, where the repository must not narrow the scan)
  --verify                  ask each found credential's own provider whether it is live (AWS key pairs via STS
                            GetCallerIdentity, GitHub, GitLab, Slack, Stripe, OpenAI, npm): sends the credential
                            to that provider only, never elsewhere
  --verify-endpoint p=url   the endpoint for provider p (GitHub Enterprise, self-managed GitLab, aws=STS endpoint,
                            tests); AWS also honours AWS_ENDPOINT_URL_STS and AWS_ENDPOINT_URL
  --history [PATH]          scan the git history of the repository at PATH (default .): the lines every commit
                            reachable from HEAD added; findings name commit, author, date, file and line
  --staged [PATH]           scan what git commit would record: the lines the index adds (not the work tree)
  --all | --since REV | --range A..B
                            with --history: every ref, only commits after REV, or only A..B
  --baseline FILE           report only findings not recorded in FILE (a baseline; any mode)
  --write-baseline FILE     record the current findings in FILE by keyed fingerprint (no values) and exit 0;
                            entries still found keep their "reviewed" marks (see docs/git.md)
  --posture                 also run the least-privilege lint on CloudFormation, Terraform and IAM policy JSON
                            (docs/posture.md): broad secret reads, public or cross-account resource policies,
                            secrets without rotation; its findings count for the exit status
  --verbose                 text format: say why each finding was made, and which matches were dropped (documented
                            example values)

Environment: SECRETS_WORKBENCH_SCAN_CACHE names the folder where built prefilter tables are kept between runs
(default: the per-user cache folder; "off" keeps none; see docs/cli.md).

A file or folder that cannot be read (permission denied, path too long, a symbolic-link loop, vanished during
the scan) is reported as unreadable and the scan goes on.

Exit status: 0 no findings, 1 findings (with --posture, of either kind; note-level findings of custom rules
are reported but do not count), 2 the scan could not run (bad option, a named path that does not
exist, unreadable config). Unreadable files alone do not change the exit status; they are listed in every format.`;

function parseArgs(args: string[]): ScanArgs {
  const parsed: ScanArgs = {
    paths: [],
    format: 'text',
    gitignore: true,
    verbose: false,
    additionsOnly: false,
    verify: false,
    verifyEndpoints: {},
    posture: false,
  };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const [flag, inline] =
      arg.startsWith('--') && arg.includes('=')
        ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
        : [arg, undefined];
    const value = () => {
      const v = inline ?? args[++i];
      if (v === undefined || v === '') throw new UsageError(`${flag} needs a value`);
      return v;
    };
    if (flag === '--format') {
      const format = value();
      if (format !== 'text' && format !== 'json' && format !== 'sarif') {
        throw new UsageError(`--format must be text, json or sarif (got "${format}")`);
      }
      parsed.format = format;
    } else if (flag === '--output' || flag === '-o') parsed.output = value();
    else if (flag === '--config' || flag === '-c') parsed.config = value();
    else if (flag === '--no-gitignore') parsed.gitignore = false;
    else if (flag === '--verbose' || flag === '-v') parsed.verbose = true;
    else if (flag === '--no-config') parsed.additionsOnly = true;
    else if (flag === '--verify') parsed.verify = true;
    else if (flag === '--posture') parsed.posture = true;
    else if (flag === '--verify-endpoint') {
      const [provider, url] = value().split(/=(.*)/s);
      if (!provider || !url || !/^https?:\/\//.test(url))
        throw new UsageError(
          '--verify-endpoint needs provider=http(s)://host[:port] (e.g. github=https://ghe.example.com/api/v3)',
        );
      parsed.verifyEndpoints[provider] = url;
    } else if (flag === '--history') parsed.history ??= {};
    else if (flag === '--staged') (parsed.history ??= {}).staged = true;
    else if (flag === '--all') (parsed.history ??= {}).all = true;
    else if (flag === '--since') (parsed.history ??= {}).since = value();
    else if (flag === '--range') {
      const range = value();
      if (!/^[^.]+\.\.[^.]+$/.test(range)) throw new UsageError('--range needs A..B');
      (parsed.history ??= {}).range = range;
    } else if (flag === '--baseline') parsed.baseline = value();
    else if (flag === '--write-baseline') parsed.writeBaseline = value();
    else if (flag.startsWith('-')) throw new UsageError(`unknown option ${flag}`);
    else parsed.paths.push(arg);
  }
  return parsed;
}

function loadConfig(cwd: string, explicit?: string): { config?: DetectionConfig; configRoot: string } {
  const path = explicit ? resolve(cwd, explicit) : resolve(cwd, CONFIG_FILE_NAME);
  if (!explicit && !existsSync(path)) return { configRoot: cwd };
  try {
    return { config: loadConfigFile(path), configRoot: dirname(path) };
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new Error(
      `cannot read config ${explicit ?? CONFIG_FILE_NAME}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`,
      { cause: error },
    );
  }
}

export async function runScan(args: ScanArgs, io: CliIo): Promise<number> {
  // built prefilter tables are kept per user, so a short scan does not spend most of its time building them
  const cacheDir = prefilterCacheDir(io.env);
  usePrefilterTableStore(cacheDir ? fileTableStore(cacheDir) : undefined);
  if (args.history) {
    if (args.posture) throw new UsageError('--posture lints files, not the git history: drop --history/--staged');
    if (args.paths.length > 1) throw new UsageError('--history and --staged scan one repository: one PATH at most');
    return runHistoryScan(
      {
        ...args.history,
        path: args.paths[0] ?? '.',
        format: args.format,
        baseline: args.baseline,
        writeBaseline: args.writeBaseline,
      },
      io,
    );
  }
  // read first: a bad baseline stops the scan before anything is written
  const baseline = args.baseline ? loadBaseline(io.cwd, args.baseline) : undefined;
  const previous = args.writeBaseline ? previousBaseline(io.cwd, args.writeBaseline) : undefined;
  const loaded = loadConfig(io.cwd, args.config);
  const configRoot = loaded.configRoot;
  const configPath = (absolute: string) => relative(configRoot, absolute).split(sep).join('/');
  // Paths named on the command line are scanned even where an ignore glob covers them (as ripgrep does).
  const explicit = loaded.config
    ? configForExplicitPaths(
        args.additionsOnly ? additionsOnly(loaded.config) : loaded.config,
        args.paths.map((p) => configPath(resolve(io.cwd, p))),
      )
    : undefined;
  const config = explicit?.config;
  for (const glob of explicit?.overridden ?? [])
    io.stderr.write(`note: scanning the named path although ${CONFIG_FILE_NAME} ignores "${printable(glob)}"\n`);
  // the walk's relative path already is the config's when the config sits in the working folder
  const underConfig = (rel: string) =>
    configRoot === io.cwd && !rel.startsWith('../') && !isAbsolute(rel) ? rel : configPath(resolve(io.cwd, rel));
  const weakening = configWeakening(config);
  const report: ScanReport = { files: [], scannedFiles: 0, ...(args.posture ? { posture: true } : {}) };
  if (config)
    report.notices = customRuleProblems(config).map((p) => ({
      ruleId: p.ruleId,
      level: p.level === 'error' ? 'error' : 'note',
      message: p.message,
    }));
  const texts = new Map<FileReport, string>();
  const onFile = ({ outcome, findings }: ScannedFile) => {
    const { file, text, result, skipped, error, posture } = outcome;
    const entry: FileReport = { path: file.relative, findings: [], ...(posture ? { posture } : {}) };
    if (error) entry.error = error;
    if (skipped) entry.skipped = skipped;
    if (result) {
      entry.findings = findings;
      if (!skipped) report.scannedFiles++;
      if (result.skippedLines) entry.skippedLines = result.skippedLines;
      if (result.dropped) entry.dropped = result.dropped;
      if (findings.length) texts.set(entry, text!);
    }
    report.files.push(entry);
  };
  // --write-baseline records every finding; --baseline reports only those it does not record
  const isNew = baseline && !args.writeBaseline ? createBaselineFilter(baseline) : undefined;
  const request = {
    root: io.cwd,
    paths: args.paths,
    config,
    configPath: underConfig,
    gitignore: args.gitignore,
    posture: args.posture ? await loadPostureLint() : undefined,
  };
  const threads = {
    workerScript: shippedScript('scan-worker.js'),
    readAheadScript: shippedScript('read-ahead-worker.js'),
    prefilterCacheDir: cacheDir,
  };
  const pipeline: FilePipeline = async function* (walk, options) {
    yield* (await scanInParallel(walk, { ...options, ...threads })).outcomes;
  };
  const { ignored: ignoredPaths } = await scanWorkspace({ ...request, isNew }, { pipeline, onFile }).catch(
    (error: unknown) => {
      throw error instanceof MissingPathError ? new UsageError(error.message) : error;
    },
  );
  if (weakening) report.weakening = { ...weakening, ignoredFiles: ignoredPaths };
  if (args.writeBaseline) {
    const found = report.files.flatMap((file) => file.findings.map((finding) => ({ finding, path: file.path })));
    const written = writeBaseline(resolve(io.cwd, args.writeBaseline), found, previous);
    io.stderr.write(baselineWrittenLine(args.writeBaseline, written));
    return ExitCode.ok;
  }
  const valueOf = (file: FileReport, f: Finding) => texts.get(file)!.slice(f.range.start.offset, f.range.end.offset);
  if (args.verify) await verifyFindings(report, valueOf, args.verifyEndpoints, io.env);
  // Hashes in reports are keyed (value-hash.ts): the project's salt, else one made and printed for this report.
  const hashing = valueHashingFor(config);
  const output =
    args.format === 'json'
      ? formatJson(report, hashing)
      : args.format === 'sarif'
        ? formatSarif(report, productVersion, config, hashing)
        : printableLines(formatText(report, valueOf, { verbose: args.verbose }));
  if (args.output) {
    writeFileSync(resolve(io.cwd, args.output), output);
    const weakened = weakeningLine(report.weakening);
    for (const notice of report.notices ?? []) io.stderr.write(`${notice.level}: ${printable(notice.message)}\n`);
    const written = `${summaryLine(report)}; report written to ${args.output}\n${weakened ? `${weakened}\n` : ''}`;
    io.stderr.write(printableLines(written));
  } else io.stdout.write(output);
  // a note (a custom rule's informational level) is reported but, as in SARIF, does not fail the scan
  const failing = (f: FileReport) => f.findings.some((finding) => finding.level !== 'note') || !!f.posture?.length;
  return report.files.some(failing) ? ExitCode.refused : ExitCode.ok;
}

/** A bundled thread's script beside the bundled CLI (dist/); from source (tsx) the scan runs on one thread. */
function shippedScript(name: string): string | undefined {
  const script = join(__dirname, name);
  return existsSync(script) ? script : undefined;
}

/** Verifies every finding a verifier exists for, once per credential, a few at a time. */
async function verifyFindings(
  report: ScanReport,
  valueOf: (file: FileReport, f: Finding) => string,
  endpoints: Record<string, string>,
  env: NodeJS.ProcessEnv,
): Promise<void> {
  const cache = new VerificationCache();
  const jobs = report.files.flatMap((file) =>
    file.findings
      .filter((f) => verifierFor(f.ruleId))
      .map((f) => async () => {
        // an AWS key pair is checked as a pair: both findings carry the one answer
        const related = f.relatedId ? file.findings.find((r) => r.id === f.relatedId) : undefined;
        const result = await cache.verify(f.ruleId, credentialFingerprint(f, related), valueOf(file, f), {
          endpoints,
          env,
          ...(related ? { relatedValue: valueOf(file, related) } : {}),
        });
        if (result) f.verification = result;
      }),
  );
  for (let i = 0; i < jobs.length; i += 4) await Promise.all(jobs.slice(i, i + 4).map((job) => job()));
}

export const scanCommand: CliCommand = {
  name: 'scan',
  summary: 'find hardcoded credentials (text, JSON or SARIF output)',
  usage: USAGE,
  run: (args, io) => runScan(parseArgs(args), io),
};
