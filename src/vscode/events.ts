// Where core's Event meets VS Code's: the one adapter, for the APIs that take a vscode.Event (tree data,
// file system changes, code lenses, pseudoterminals), honouring `thisArgs` and the disposables array.
import type * as vscode from 'vscode';
import type { Event } from '../core/events';

export function toVscodeEvent<T>(event: Event<T>): vscode.Event<T> {
  return (listener, thisArgs?: unknown, disposables?: vscode.Disposable[]) => {
    const subscription = event((value) => listener.call(thisArgs, value));
    disposables?.push(subscription);
    return subscription;
  };
}
