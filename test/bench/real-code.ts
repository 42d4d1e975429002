// Detection on real third-party code: every text file of the project's node_modules, scanned as the CLI would.
// Prints findings per 100 MB by level, lists every error-level finding (masked), and checks the bar of #18:
// warnings under 1 per 10 MB.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { maskValue, scanText, type Finding } from '../../src/core/detection/index';

interface RealCodeFinding {
  path: string;
  finding: Finding;
  masked: string;
}

export interface RealCodeReport {
  files: number;
  megabytes: number;
  byLevel: Record<string, number>;
  errors: RealCodeFinding[];
  warnings: RealCodeFinding[];
}

function* textFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* textFiles(path);
    else if (entry.isFile()) yield path;
  }
}

export function scanRealCode(root = 'node_modules', scan: typeof scanText = scanText): RealCodeReport {
  const report: RealCodeReport = { files: 0, megabytes: 0, byLevel: {}, errors: [], warnings: [] };
  for (const path of textFiles(root)) {
    if (statSync(path).size > 10 * 1024 * 1024) continue;
    const buffer = readFileSync(path);
    if (buffer.subarray(0, 8000).includes(0)) continue;
    const text = buffer.toString('utf8');
    const result = scan(text, { path });
    if (result.skipped) continue;
    report.files++;
    report.megabytes += text.length / 1e6;
    for (const finding of result.findings) {
      report.byLevel[finding.level] = (report.byLevel[finding.level] ?? 0) + 1;
      const entry = {
        path,
        finding,
        masked: maskValue(text.slice(finding.range.start.offset, finding.range.end.offset)),
      };
      if (finding.level === 'error') report.errors.push(entry);
      else if (finding.level === 'warning') report.warnings.push(entry);
    }
  }
  return report;
}

export function printRealCode(report: RealCodeReport, limit = Infinity): void {
  const per100 = (n: number) => ((n / report.megabytes) * 100).toFixed(1);
  console.log(`\nreal code: ${report.files} text files of node_modules, ${report.megabytes.toFixed(1)} MB`);
  for (const level of ['error', 'warning', 'note'])
    console.log(
      `  ${level.padEnd(7)} ${String(report.byLevel[level] ?? 0).padStart(5)}  (${per100(report.byLevel[level] ?? 0)} per 100 MB)`,
    );
  const warningsPer10 = ((report.warnings.length / report.megabytes) * 10).toFixed(2);
  console.log(`  warnings per 10 MB: ${warningsPer10} (bar: < 1) ${Number(warningsPer10) < 1 ? 'MET' : 'NOT MET'}`);
  console.log('  every error-level finding (each should be a credential-shaped literal, e.g. a test key):');
  for (const { path, finding, masked } of report.errors.slice(0, limit))
    console.log(`    ${path}:${finding.range.start.line + 1}  ${finding.ruleId}  ${finding.title}  ${masked}`);
  console.log('  warnings:');
  for (const { path, finding, masked } of report.warnings.slice(0, limit))
    console.log(`    ${path}:${finding.range.start.line + 1}  ${finding.ruleId}  ${finding.title}  ${masked}`);
}

if (process.argv[1]?.endsWith('real-code.ts')) printRealCode(scanRealCode(process.argv[2]));
