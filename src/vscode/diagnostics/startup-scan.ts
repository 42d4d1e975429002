// The background workspace scan on startup (#16 "flagged on open"): files with a credential show in Problems
// without being opened. Quiet (a status-bar progress, no toast), bounded in files, and cancelled by a manual
// scan, by turning the setting off, or on dispose. Turning the setting on starts one.
import * as vscode from 'vscode';
import { Emitter } from '../../core/events';
import { DiagnosticSettings } from '../constants';
import type { SecretDiagnostics } from './secret-diagnostics';
import { scanFolders, type FoldersScan, type ScannedPosture } from './workspace-scan-command';

/** Files scanned at most on startup, over all folders: a huge workspace is not read in full unasked. */
export const STARTUP_SCAN_MAX_FILES = 5000;
/** Started after activation has returned and the window had a moment to settle. */
const STARTUP_DELAY_MS = 1000;

export function scanOnStartupEnabled(): boolean {
  const config = vscode.workspace.getConfiguration(DiagnosticSettings.section);
  return (
    (config.get<boolean>(DiagnosticSettings.scanOnStartup) ?? true) &&
    (config.get<boolean>(DiagnosticSettings.enabled) ?? true)
  );
}

export class StartupScan implements vscode.Disposable {
  private running: vscode.CancellationTokenSource | undefined;
  private readonly disposables: vscode.Disposable[];
  private readonly finished = new Emitter<FoldersScan>();
  /** Fires when a background scan ends (finished, cut at the bound, or cancelled). */
  readonly onDidFinish = this.finished.event;

  constructor(
    private readonly diagnostics: SecretDiagnostics,
    private readonly posture: () => ScannedPosture | undefined = () => undefined,
  ) {
    const timer = setTimeout(() => this.startIfEnabled(), STARTUP_DELAY_MS);
    this.disposables = [
      { dispose: () => clearTimeout(timer) },
      this.finished,
      vscode.workspace.onDidChangeConfiguration((event) => {
        const key = `${DiagnosticSettings.section}.${DiagnosticSettings.scanOnStartup}`;
        if (!event.affectsConfiguration(key)) return;
        if (scanOnStartupEnabled()) this.startIfEnabled();
        else this.cancel();
      }),
    ];
  }

  private startIfEnabled(): void {
    if (!scanOnStartupEnabled() || this.running || !vscode.workspace.workspaceFolders?.length) return;
    const source = (this.running = new vscode.CancellationTokenSource());
    void vscode.window
      .withProgress({ location: vscode.ProgressLocation.Window, title: 'Secrets: scanning workspace' }, (progress) =>
        scanFolders(this.diagnostics, vscode.workspace.workspaceFolders ?? [], source.token, {
          maxFiles: STARTUP_SCAN_MAX_FILES,
          onProgress: (message) => progress.report({ message }),
          posture: this.posture(),
        }),
      )
      .then(
        (outcome) => this.finished.fire(outcome),
        () => undefined, // a failed background scan leaves the live diagnostics; Scan Workspace reports errors
      )
      .then(() => {
        if (this.running === source) this.running = undefined;
        source.dispose();
      });
  }

  /** Stops a running background scan (a manual scan replaces it). */
  cancel(): void {
    this.running?.cancel();
  }

  dispose(): void {
    this.cancel();
    for (const disposable of this.disposables) disposable.dispose();
  }
}
