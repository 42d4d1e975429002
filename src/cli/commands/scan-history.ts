// `scan --history [PATH]`: every change reachable from HEAD (or --all refs, --since REV, --range A..B) in the
// repository at PATH; each finding names its commit, author, date, file and line. Exit 0 clean, 1 findings, 2 error.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { createBaselineFilter, writeBaseline } from '../../core/git/baseline';
import { baselineWrittenLine, loadBaseline, previousBaseline } from './baseline-args';
import {
  GitHistoryError,
  scanHistory,
  scanStaged,
  type HistoryFinding,
  type HistoryOptions,
} from '../../core/git/history';
import { printable } from '../../core/terminal-text';
import { productVersion } from '../../core/version';
import { ExitCode, type CliIo } from './types';

export interface HistoryArgs extends HistoryOptions {
  path: string;
  format: 'text' | 'json' | 'sarif';
  /** --staged: the index (what `git commit` would record), not the history. */
  staged?: boolean;
  /** Report only findings not in this baseline file. */
  baseline?: string;
  /** Record the findings in this baseline file instead of reporting them. */
  writeBaseline?: string;
}

/**
 * Stable across runs: a commit never changes, so commit, file, line and rule name a history finding for good.
 * Nothing derived from the value (a plain value hash in a report could be brute-forced).
 */
function fingerprint(f: HistoryFinding): string {
  const where = `${f.commit}:${f.path}:${f.finding.range.start.line}:${f.finding.ruleId}`;
  return createHash('sha256').update(where).digest('hex').slice(0, 32);
}

const historyAdvice =
  'The credentials are exposed in the history: revoke and rotate them (rewriting history alone is not enough).\n';
const stagedAdvice =
  'Not committed: move each value into a secret manager (the editor quick fix does it), git add the change, ' +
  'then commit again. A value that is not a secret: mark it in .secrets-workbench.json.\n';

export async function runHistoryScan(args: HistoryArgs, io: CliIo): Promise<number> {
  const repo = resolve(io.cwd, args.path);
  // read first: a bad baseline stops the scan before anything is written
  const baseline = args.baseline ? loadBaseline(io.cwd, args.baseline) : undefined;
  const previous = args.writeBaseline ? previousBaseline(io.cwd, args.writeBaseline) : undefined;
  let scan;
  try {
    scan = args.staged ? await scanStaged(repo) : await scanHistory(repo, args);
  } catch (error) {
    if (!(error instanceof GitHistoryError)) throw error;
    io.stderr.write(`error: ${printable(error.message)}\n`);
    return ExitCode.usage;
  }
  if (args.writeBaseline) {
    const written = writeBaseline(resolve(io.cwd, args.writeBaseline), scan.findings, previous);
    io.stderr.write(baselineWrittenLine(args.writeBaseline, written));
    return ExitCode.ok;
  }
  const isNew = baseline ? createBaselineFilter(baseline) : () => true;
  const rows = scan.findings
    .filter((f) => isNew(f.finding))
    .map((f) => ({
      commit: f.commit,
      author: f.author,
      date: f.date,
      path: f.path,
      line: f.finding.range.start.line + 1,
      column: f.finding.range.start.character + 1,
      ruleId: f.finding.ruleId,
      title: f.finding.title,
      level: f.finding.level,
      fingerprint: fingerprint(f),
    }));
  const summary = `${rows.length} finding(s) in ${scan.commits} commit(s), ${scan.blobsScanned} file version(s) scanned`;
  if (args.format === 'json') {
    io.stdout.write(
      `${JSON.stringify({ commits: scan.commits, blobsScanned: scan.blobsScanned, findings: rows }, null, 2)}\n`,
    );
  } else if (args.format === 'sarif') {
    const sarif = {
      $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
      version: '2.1.0',
      runs: [
        {
          tool: { driver: { name: 'secrets-workbench', version: productVersion } },
          versionControlProvenance: [provenance(repo, args.staged)],
          results: rows.map((r) => ({
            ruleId: r.ruleId,
            level: r.level,
            message: { text: `${r.title} (added in ${r.commit.slice(0, 12)} by ${r.author}, ${r.date})` },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: r.path },
                  region: { startLine: r.line, startColumn: r.column },
                },
              },
            ],
            partialFingerprints: { 'secretsWorkbench/v1': r.fingerprint },
            properties: { commit: r.commit, author: r.author, date: r.date },
          })),
        },
      ],
    };
    io.stdout.write(`${JSON.stringify(sarif, null, 2)}\n`);
  } else {
    for (const r of rows) {
      io.stdout.write(
        printable(
          `${r.path}:${r.line}:${r.column} [${r.ruleId}] ${r.title} ${args.staged ? '(staged)' : `(commit ${r.commit.slice(0, 12)}, ${r.author}, ${r.date})`}`,
        ) + '\n',
      );
    }
    io.stdout.write(`${summary}\n${rows.length ? (args.staged ? stagedAdvice : historyAdvice) : ''}`);
  }
  return rows.length ? ExitCode.refused : ExitCode.ok;
}

/** SARIF versionControlProvenance: the repository, and the commit HEAD was at (the branch too, when on one). */
function provenance(repo: string, staged?: boolean): Record<string, string> {
  const git = (...a: string[]) => spawnSync('git', ['-C', repo, ...a], { encoding: 'utf8' }).stdout?.trim() ?? '';
  const head = git('rev-parse', '--verify', '--quiet', 'HEAD');
  const branch = git('symbolic-ref', '--quiet', '--short', 'HEAD');
  return {
    repositoryUri: `file://${repo}`,
    ...(head ? { revisionId: head } : {}),
    ...(branch ? { branch } : {}),
    ...(staged ? { revisionTag: 'staged' } : {}),
  };
}
