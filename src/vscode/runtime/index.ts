// Run-time injection (issue 24): secrets resolved into the environment of debug sessions and tasks.
import * as vscode from 'vscode';
import { registerDebugInjection, type DebugInjectionDeps } from './debug-injection';
import { registerSecretTasks } from './secret-task';

export function registerRuntimeInjection(deps: DebugInjectionDeps): vscode.Disposable {
  return vscode.Disposable.from(registerDebugInjection(deps), registerSecretTasks(deps));
}
