// Wires diagnostics, the workspace scan and the quick fixes. Returns what tests and other features use.
import * as vscode from 'vscode';
import { QuickFixCommands } from '../constants';
import { ProjectConfigs } from '../diagnostics/project-config';
import { SecretDiagnostics } from '../diagnostics/secret-diagnostics';
import { StartupScan } from '../diagnostics/startup-scan';
import { scanWorkspace, type ScannedPosture } from '../diagnostics/workspace-scan-command';
import { markNotSecret } from './allow-list';
import { SecretCodeActions } from './code-actions';
import type { SecretDestinationProvider } from './destinations';
import { workspaceDotenvChoice } from './dotenv-choice';
import { moveSecret, type MoveArgs } from './move-secret';
import type { QuickFixUi } from './ui';
import type { UserInput } from '../../core/usecases/ports';
import { VsCodeUserInput } from '../vscode-user-input';
import { verifyCredentialCommand, type VerifyArgs, type VerifyDeps } from './verify-credential';

export interface QuickFixFeature {
  readonly diagnostics: SecretDiagnostics;
  readonly startupScan: StartupScan;
  setDestinations(provider: SecretDestinationProvider): void;
  setUi(ui: QuickFixUi | undefined): void;
  /** Scan Workspace and the startup scan also report posture problems into these diagnostics. */
  setPosture(posture: ScannedPosture): void;
}

export function registerQuickFix(
  context: vscode.ExtensionContext,
  initial: SecretDestinationProvider,
  defaultUi: QuickFixUi,
  verification: Partial<Pick<VerifyDeps, 'input' | 'awsConnections'>> = {},
): QuickFixFeature {
  const configs = new ProjectConfigs();
  const diagnostics = new SecretDiagnostics(configs);
  let posture: ScannedPosture | undefined; // registered after this feature (extension.ts sets it)
  const startupScan = new StartupScan(diagnostics, () => posture);
  let destinations: SecretDestinationProvider = initial;
  let ui: QuickFixUi = defaultUi;
  const dotenvChoice = workspaceDotenvChoice(context.workspaceState);
  const defaultInput: UserInput = new VsCodeUserInput();
  const verifyDeps: VerifyDeps = {
    diagnostics,
    input: verification.input ?? (() => defaultInput),
    awsConnections: verification.awsConnections ?? (() => []),
  };
  context.subscriptions.push(
    startupScan, // first: cancelled before the collection it writes to is disposed
    configs,
    diagnostics,
    vscode.languages.registerCodeActionsProvider(
      { scheme: '*' },
      new SecretCodeActions(diagnostics, () => destinations, dotenvChoice),
      {
        providedCodeActionKinds: SecretCodeActions.kinds,
      },
    ),
    vscode.commands.registerCommand(QuickFixCommands.scanWorkspace, () => {
      startupScan.cancel(); // the manual scan replaces the background one
      return scanWorkspace(diagnostics, posture);
    }),
    vscode.commands.registerCommand(QuickFixCommands.checkLive, (args: VerifyArgs) =>
      verifyCredentialCommand(args, verifyDeps),
    ),
    vscode.commands.registerCommand(QuickFixCommands.moveSecret, (args: MoveArgs) =>
      moveSecret(args, { diagnostics, destinations, ui, dotenvChoice }),
    ),
    vscode.commands.registerCommand(
      QuickFixCommands.markNotSecret,
      async (args: { uri: string; valueHash: string }) => {
        const updated = await markNotSecret(args);
        if (updated) {
          configs.invalidate();
          diagnostics.reset();
        }
        return updated?.toString();
      },
    ),
  );
  return {
    diagnostics,
    startupScan,
    setDestinations: (provider) => void (destinations = provider),
    setUi: (next) => void (ui = next ?? defaultUi),
    setPosture: (next) => void (posture = next),
  };
}
