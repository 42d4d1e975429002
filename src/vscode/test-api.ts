// What activate() returns. `testing` exists only under the integration harness: it swaps the UserInput and
// clipboard for scripted ones and exposes the tree and the log so suites can assert on them.
import type { FileSystemProvider } from 'vscode';
import type { Clipboard } from './clipboard-guard';
import type { ConnectionManager } from './connections/connection-manager';
import type { QuickFixFeature } from './quickfix/register';
import type { GitHistoryFeature } from './history/history-commands';
import type { OfflineMode } from './offline/offline-mode';
import type { PostureDiagnostics } from './posture/posture-diagnostics';
import type { ResourcePolicyFileSystem } from './posture/policy-documents';
import type { SecretLookup } from './references/secret-lookup';
import type { WorkspaceReferenceIndex } from './references/workspace-index';
import type { ExplorerNode } from './tree/nodes';
import type { SecretsTreeProvider } from './tree/tree-provider';
import type { UserInput } from '../core/usecases/ports';

export interface ActivationTiming {
  /** Evaluating dist/extension.js, from its first line to its last. */
  codeLoadingMs: number;
  /** activate() itself, wall clock. */
  activateMs: number;
  /** activate() itself, CPU time of the extension host process (not inflated by a busy machine). */
  activateCpuMs: number;
}

export interface TestingApi {
  setUserInput(input: UserInput | undefined): void;
  setClipboard(clipboard: Clipboard | undefined): void;
  readonly tree: SecretsTreeProvider;
  /** What the Secrets view has selected (reveal selects). */
  selection(): readonly ExplorerNode[];
  readonly connections: ConnectionManager;
  /** Lines written to the output channel this session. */
  logLines(): readonly string[];
  /** The extension's log folder (context.logUri). */
  readonly logDir: string;
  /** Whether src/core/aws (and so the AWS SDK) has been evaluated. */
  awsLoaded(): boolean;
  /** Offline mode: state and transitions (the commands wrap these with notifications). */
  readonly offline: OfflineMode;
  /** Git History view (#22): its tree, and Cancel of a running scan. */
  readonly gitHistory: GitHistoryFeature;
  /** The provider of secret documents: VS Code shows "Failed to save" exactly when its writeFile rejects. */
  readonly fileSystem: FileSystemProvider;
  /** Which connection validates references, and the metadata cache behind CodeLens and hover (#24). */
  readonly secretLookup: SecretLookup;
  /** Least-privilege and rotation diagnostics on infrastructure as code (#23). */
  readonly posture: PostureDiagnostics;
  /** Secret resource policies as documents (#23). */
  readonly policyDocuments: ResourcePolicyFileSystem;
  /** The workspace's secret reference index (#24). */
  readonly references: WorkspaceReferenceIndex;
}

export interface SecretsWorkbenchApi {
  readonly activation: ActivationTiming;
  /** Diagnostics and the move quick fix; tests swap its destinations and UI. */
  readonly quickFix: QuickFixFeature;
  readonly testing: TestingApi | undefined;
}

/** Set by the integration harness (test/integration/harness) in the extension host's environment. */
export const testModeEnv = 'SECRETS_WORKBENCH_TEST_WORKSPACE';
