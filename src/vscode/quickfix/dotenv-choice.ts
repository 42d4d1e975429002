// How a .env with several credentials moves: one JSON secret (the default) or one secret per value. The last
// choice is remembered per workspace, so its action comes first (preferred) next time.
import type * as vscode from 'vscode';

const onePerValueKey = 'secretsWorkbench.quickFix.dotenvOneSecretPerValue';

export interface DotenvChoice {
  onePerValue(): boolean;
  remember(onePerValue: boolean): Thenable<void>;
}

export function workspaceDotenvChoice(state: vscode.Memento): DotenvChoice {
  return {
    onePerValue: () => state.get<boolean>(onePerValueKey) === true,
    remember: (onePerValue) => state.update(onePerValueKey, onePerValue),
  };
}
