// What commands, documents and the tree share. Built once in extension.ts.
import type { RandomPasswordInput } from '../core/store/types';
import type { AwsModule } from './connections/aws-module';
import type { ClipboardGuard } from './clipboard-guard';
import type { SecretRef } from './commands/context-secret';
import type { ConnectionManager } from './connections/connection-manager';
import type { ExtensionLog } from './log';
import type { WorkspaceReferenceIndex } from './references/workspace-index';
import type { ExplorerModel } from './tree/explorer-model';
import type { Ports, ProgressReport, UserInput } from '../core/usecases/ports';

export type { ProgressReport };

export interface Services {
  connections: ConnectionManager;
  model: ExplorerModel;
  /** The current UserInput (tests replace it through the extension's test API). */
  ui(): UserInput;
  log: ExtensionLog;
  clipboard: ClipboardGuard;
  passwordRules(): RandomPasswordInput;
  /** How long to wait for a Lambda rotation before calling it stuck. */
  rotationWaitMs(): number;
  /** Runs a task with a progress notification; `cancellable` adds a Cancel button. */
  progress<T>(title: string, task: (progress: ProgressReport) => Promise<T>, cancellable?: boolean): Promise<T>;
  /** The use cases' ports, bound to the current UserInput. */
  ports(): Ports;
  /** After a mutation: refresh the tree and the open documents of that secret. */
  afterChange(connectionId: string, secretName?: string): void;
  /** Shows a secret selected in the Secrets view (after it was created or moved there). */
  reveal(connectionId: string, secretName: string): Promise<void>;
  /** The secret most recently selected in the Secrets view or shown in the editor. */
  contextSecret(): SecretRef | undefined;
  /** The AWS module, loaded on first use (it pulls in the AWS SDK). */
  aws(): Promise<AwsModule>;
  /** The workspace's secret references (built on first `ready()`), for CodeLens, hover, diagnostics, rename. */
  references: WorkspaceReferenceIndex;
}
