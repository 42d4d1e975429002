// The Progress port on VS Code: a notification with an optional Cancel button.
import * as vscode from 'vscode';
import type { Progress } from '../core/usecases/ports';

export const notificationProgress: Progress = (title, task, cancellable = false) =>
  Promise.resolve(
    vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title, cancellable },
      (progress, token) =>
        task({
          report: (message) => progress.report({ message }),
          get cancelled() {
            return token.isCancellationRequested;
          },
          onCancel: (listener) => void token.onCancellationRequested(listener),
        }),
    ),
  );
