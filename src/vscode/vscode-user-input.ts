// UserInput on VS Code's quick input and message APIs.
import * as vscode from 'vscode';
import type { ConfirmOptions, PickItem, PickOptions, Severity, TextOptions, UserInput } from '../core/usecases/ports';

export class VsCodeUserInput implements UserInput {
  async pick<T>(items: PickItem<T>[], options: PickOptions): Promise<T | undefined> {
    const chosen = await vscode.window.showQuickPick(items.map(toQuickPickItem), {
      title: titleOf(options),
      placeHolder: options.placeholder,
      matchOnDescription: true,
      ignoreFocusOut: true,
    });
    return chosen?.item.value;
  }

  async pickMany<T>(items: PickItem<T>[], options: PickOptions): Promise<T[] | undefined> {
    const chosen = await vscode.window.showQuickPick(items.map(toQuickPickItem), {
      title: titleOf(options),
      placeHolder: options.placeholder,
      canPickMany: true,
      ignoreFocusOut: true,
    });
    return chosen?.map((c) => c.item.value);
  }

  text(options: TextOptions): Promise<string | undefined> {
    return Promise.resolve(
      vscode.window.showInputBox({
        title: titleOf(options),
        prompt: options.prompt,
        value: options.value,
        placeHolder: options.placeholder,
        password: options.password,
        ignoreFocusOut: true,
        validateInput: options.validate,
      }),
    );
  }

  async confirm(options: ConfirmOptions): Promise<boolean> {
    const choice = await vscode.window.showWarningMessage(
      options.message,
      { modal: true, detail: options.detail },
      options.confirmLabel,
    );
    return choice === options.confirmLabel;
  }

  notify(severity: Severity, message: string, ...actions: string[]): Promise<string | undefined> {
    const show =
      severity === 'error'
        ? vscode.window.showErrorMessage
        : severity === 'warning'
          ? vscode.window.showWarningMessage
          : vscode.window.showInformationMessage;
    return Promise.resolve(show(message, ...actions));
  }
}

function toQuickPickItem<T>(item: PickItem<T>): vscode.QuickPickItem & { item: PickItem<T> } {
  return { label: item.label, description: item.description, detail: item.detail, picked: item.picked, item };
}

function titleOf(options: { title: string; step?: { current: number; total: number } }): string {
  return options.step ? `${options.title} (${options.step.current}/${options.step.total})` : options.title;
}
