// Adapts ExplorerModel to VS Code's TreeDataProvider.
import * as vscode from 'vscode';
import { Emitter } from '../../core/events';
import { toVscodeEvent } from '../events';
import type { ExplorerModel } from './explorer-model';
import type { ExplorerNode } from './nodes';
import { secretTooltip } from '../../core/explorer/present';
import { present } from './presentation';

export class SecretsTreeProvider implements vscode.TreeDataProvider<ExplorerNode>, vscode.Disposable {
  private readonly changed = new Emitter<ExplorerNode | undefined>();
  readonly onDidChangeTreeData = toVscodeEvent(this.changed.event);
  private readonly subscription: { dispose(): void };

  constructor(readonly model: ExplorerModel) {
    this.subscription = model.onDidChange((node) => this.changed.fire(node));
  }

  getChildren(element?: ExplorerNode): Promise<ExplorerNode[]> {
    return this.model.getChildren(element);
  }

  getParent(node: ExplorerNode): ExplorerNode | undefined {
    return this.model.getParent(node);
  }

  getTreeItem(node: ExplorerNode): vscode.TreeItem {
    const look = present(node, this.model);
    const item = new vscode.TreeItem(look.label, collapsibleState[look.collapsible]);
    item.id = node.id;
    item.description = look.description;
    if (look.tooltip) item.tooltip = new vscode.MarkdownString(look.tooltip);
    item.iconPath = new vscode.ThemeIcon(
      look.icon.id,
      look.icon.color ? new vscode.ThemeColor(look.icon.color) : undefined,
    );
    item.contextValue = look.contextValue;
    if (look.command)
      item.command = { command: look.command.command, title: look.command.title, arguments: look.command.args };
    return item;
  }

  /** On hover: the replicas and their status, which only DescribeSecret reports. */
  async resolveTreeItem(item: vscode.TreeItem, node: ExplorerNode): Promise<vscode.TreeItem> {
    const described = node.kind === 'secret' ? await this.model.describeReplicated(node) : undefined;
    if (described) item.tooltip = new vscode.MarkdownString(secretTooltip(described));
    return item;
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}

const collapsibleState = {
  none: vscode.TreeItemCollapsibleState.None,
  collapsed: vscode.TreeItemCollapsibleState.Collapsed,
  expanded: vscode.TreeItemCollapsibleState.Expanded,
} as const;
