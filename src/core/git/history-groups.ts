// History findings as the editor shows them (#22): commit → file → finding, in git log order (newest first),
// labelled without the value.
import type { HistoryFinding } from './history';

export interface FileGroup {
  commit: string;
  path: string;
  findings: HistoryFinding[];
}

export interface CommitGroup {
  commit: string;
  author: string;
  date: string;
  files: FileGroup[];
}

export function groupByCommit(findings: readonly HistoryFinding[]): CommitGroup[] {
  const commits = new Map<string, CommitGroup>();
  for (const f of findings) {
    let group = commits.get(f.commit);
    if (!group) commits.set(f.commit, (group = { commit: f.commit, author: f.author, date: f.date, files: [] }));
    let file = group.files.find((g) => g.path === f.path);
    if (!file) group.files.push((file = { commit: f.commit, path: f.path, findings: [] }));
    file.findings.push(f);
  }
  for (const group of commits.values()) {
    for (const file of group.files)
      file.findings.sort((a, b) => a.finding.range.start.line - b.finding.range.start.line);
  }
  return [...commits.values()];
}

/** `GitHub token ghp_••••`: the kind and at most the provider prefix, never the value. */
export function findingLabel(f: HistoryFinding): string {
  const prefix = f.finding.signals.prefix ? ` ${f.finding.signals.prefix}••••` : '';
  return `${f.finding.kind}${prefix}`;
}

/** `line 2`: 1-based, as editors count. */
export function findingLine(f: HistoryFinding): string {
  return `line ${f.finding.range.start.line + 1}`;
}
