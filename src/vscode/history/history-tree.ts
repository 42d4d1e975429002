// The Git History view (#22): the last history scan as commit → file → finding. Labels name the credential's
// kind and at most its provider prefix, never the value; a finding's tooltip says what to do about it.
import * as vscode from 'vscode';
import { Emitter } from '../../core/events';
import { toVscodeEvent } from '../events';
import {
  findingLabel,
  findingLine,
  groupByCommit,
  type CommitGroup,
  type FileGroup,
} from '../../core/git/history-groups';
import type { HistoryFinding } from '../../core/git/history';
import type { ExposedRemedy } from '../../core/git/remedy';
import { ContextValue, GitCommands } from '../constants';

export type HistoryNode =
  | { kind: 'commit'; root: string; group: CommitGroup }
  | { kind: 'file'; root: string; group: FileGroup }
  | { kind: 'finding'; root: string; finding: HistoryFinding; remedy: ExposedRemedy }
  | { kind: 'message'; text: string };

export interface HistoryResult {
  root: string;
  findings: HistoryFinding[];
  remedies: Map<HistoryFinding, ExposedRemedy>;
  /** Findings the workspace baseline records (known, still exposed). */
  known?: ReadonlySet<HistoryFinding>;
}

export class HistoryTreeProvider implements vscode.TreeDataProvider<HistoryNode>, vscode.Disposable {
  private readonly changed = new Emitter<HistoryNode | undefined>();
  readonly onDidChangeTreeData = toVscodeEvent(this.changed.event);
  private result: HistoryResult | undefined;
  private groups: CommitGroup[] = [];
  private message: string | undefined;

  show(result: HistoryResult | undefined, message?: string): void {
    this.result = result;
    this.groups = result ? groupByCommit(result.findings) : [];
    this.message = message;
    this.changed.fire(undefined);
  }

  getChildren(node?: HistoryNode): HistoryNode[] {
    const result = this.result;
    if (!node) {
      const message: HistoryNode[] = this.message ? [{ kind: 'message', text: this.message }] : [];
      if (!result) return message;
      return [...message, ...this.groups.map((group): HistoryNode => ({ kind: 'commit', root: result.root, group }))];
    }
    if (!result) return [];
    if (node.kind === 'commit') return node.group.files.map((group) => ({ kind: 'file', root: node.root, group }));
    if (node.kind === 'file') {
      return node.group.findings.map((finding) => ({
        kind: 'finding',
        root: node.root,
        finding,
        remedy: result.remedies.get(finding) ?? { message: '', action: 'change' },
      }));
    }
    return [];
  }

  getTreeItem(node: HistoryNode): vscode.TreeItem {
    const { Expanded, None } = vscode.TreeItemCollapsibleState;
    switch (node.kind) {
      case 'message': {
        const item = new vscode.TreeItem(node.text, None);
        item.iconPath = new vscode.ThemeIcon('info');
        item.contextValue = ContextValue.of('message');
        return item;
      }
      case 'commit': {
        const count = node.group.files.reduce((n, f) => n + f.findings.length, 0);
        const item = new vscode.TreeItem(node.group.commit.slice(0, 12), Expanded);
        item.id = `commit:${node.group.commit}`;
        item.description = `${node.group.author}, ${node.group.date.slice(0, 10)} · ${count} finding${count === 1 ? '' : 's'}`;
        item.tooltip = `Commit ${node.group.commit}\nby ${node.group.author}, ${node.group.date}`;
        item.iconPath = new vscode.ThemeIcon('git-commit');
        item.contextValue = ContextValue.of('historyCommit');
        return item;
      }
      case 'file': {
        const item = new vscode.TreeItem(node.group.path.split('/').pop() ?? node.group.path, Expanded);
        item.id = `file:${node.group.commit}:${node.group.path}`;
        item.description = node.group.path.includes('/') ? node.group.path : undefined;
        item.resourceUri = vscode.Uri.joinPath(vscode.Uri.file(node.root), node.group.path);
        item.iconPath = vscode.ThemeIcon.File;
        item.contextValue = ContextValue.of('historyFile');
        return item;
      }
      case 'finding': {
        const f = node.finding;
        const item = new vscode.TreeItem(findingLabel(f), None);
        item.id = `finding:${f.commit}:${f.path}:${f.finding.id}`;
        const known = this.result?.known?.has(f) ? ' · in baseline' : '';
        item.description = `${findingLine(f)} · ${f.finding.ruleId}${known}`;
        item.tooltip = new vscode.MarkdownString(
          `**${f.finding.kind}** added in \`${f.commit.slice(0, 12)}\` (${f.path}, ${findingLine(f)})\n\n${node.remedy.message}`,
        );
        item.iconPath = new vscode.ThemeIcon('key', new vscode.ThemeColor('problemsErrorIcon.foreground'));
        item.contextValue = ContextValue.of('historyFinding', node.remedy.action);
        item.command = { command: GitCommands.openFinding, title: 'Open at This Commit', arguments: [node] };
        return item;
      }
    }
  }

  dispose(): void {
    this.changed.dispose();
  }
}
