// "Move to …": suggest a name, prepare the whole WorkspaceEdit (the literal(s) replaced by fetch code, or by an
// environment read plus the env map entry in .secrets-workbench.json), store the value FIRST, and only then
// apply the edit. Any failure before the edit leaves every file untouched; a failed edit removes a secret this
// move created, so nothing half-done is left behind. A fetch whose result would be a Promise is never written.
import * as vscode from 'vscode';
import { CONFIG_FILE_NAME, scanText, type Finding } from '../../core/detection/index';
import {
  planFix,
  relatedGroup,
  secretStringFor,
  suggestSecretName,
  targetsFor,
  type FixPlan,
  type FixTemplate,
  type FixLanguage,
  type FixMode,
} from '../../core/fixes/index';
import { ErrorCode, secretNameProblem, type SecretStore } from '../../core/store/index';
import { DiagnosticSettings } from '../constants';
import type { SecretDiagnostics } from '../diagnostics/secret-diagnostics';
import { findingKey } from '../diagnostics/finding-data';
import type { SecretDestination, SecretDestinationProvider } from './destinations';
import { addEnvEntries, projectModuleInfo, readProjectEnv } from './project-files';
import type { QuickFixUi } from './ui';

export interface MoveArgs {
  uri: string;
  /** `findingKey` of the diagnostic's finding (range + rule), stable for one document version. */
  findingKey: string;
  destinationId: string;
  /** Answers given up front (tests, scripted use): skips the name box / conflict question. */
  secretName?: string;
  onConflict?: 'newVersion' | 'cancel';
  /** 'env': replace the literal with an environment variable read recorded in the project's env map. */
  mode?: FixMode;
}

export type MoveOutcome =
  | { status: 'moved'; secretName: string; plan: FixPlan; newVersion: boolean }
  | { status: 'cancelled' | 'failed' | 'stale' | 'awaiting-trust'; reason: string };

/** Shown when a move is asked for in Restricted Mode. */
export const moveAwaitsTrust =
  'Moving secrets waits for workspace trust: this workspace is in Restricted Mode. Nothing was changed.';

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

function currentFindings(
  diagnostics: SecretDiagnostics,
  document: vscode.TextDocument,
  relativePath: string,
): Finding[] {
  const data = diagnostics.data.get(document.uri);
  if (data && data.version === document.version) return data.findings;
  return scanText(document.getText(), { path: relativePath, languageId: document.languageId }).findings;
}

/** Stores the value; resolves whether it created the secret (so a failed edit can undo exactly that). */
async function storeValue(
  store: SecretStore,
  name: string,
  secretString: string,
  ask: () => Promise<'newVersion' | 'cancel'>,
): Promise<'created' | 'newVersion' | 'same' | 'cancel'> {
  try {
    await store.createSecret({ name, secretString, description: 'Moved from source code by Secrets Workbench.' });
    return 'created';
  } catch (error) {
    // By code, not instanceof: stores handed in from another bundle (tests, other extensions) have their own class.
    const code = (error as { code?: unknown; name?: unknown } | undefined)?.code ?? (error as { name?: unknown })?.name;
    if (code !== ErrorCode.resourceExists) throw error;
  }
  const existing = await store.getSecretValue({ secretId: name });
  if (existing.secretString === secretString) return 'same';
  if ((await ask()) !== 'newVersion') return 'cancel';
  await store.putSecretValue({ secretId: name, secretString });
  return 'newVersion';
}

export async function moveSecret(
  args: MoveArgs,
  deps: { diagnostics: SecretDiagnostics; destinations: SecretDestinationProvider; ui: QuickFixUi },
): Promise<MoveOutcome> {
  // An untrusted workspace chose the file, the templates and maybe the destination: nothing moves until trusted.
  if (!vscode.workspace.isTrusted) {
    deps.ui.error(moveAwaitsTrust);
    return { status: 'awaiting-trust', reason: moveAwaitsTrust };
  }
  const uri = vscode.Uri.parse(args.uri);
  const document = await vscode.workspace.openTextDocument(uri);
  const context = await deps.diagnostics.configs.contextFor(uri);
  const destination = deps.destinations.list().find((candidate) => candidate.id === args.destinationId);
  if (!destination) return { status: 'failed', reason: 'That destination is no longer configured.' };
  const version = document.version;
  const text = document.getText();
  const findings = currentFindings(deps.diagnostics, document, context.relativePath);
  const finding = findings.find((candidate) => findingKey(candidate) === args.findingKey);
  if (!finding) {
    deps.ui.error('The credential moved or changed since the problem was reported; try the quick fix again.');
    return { status: 'stale', reason: 'finding not found' };
  }
  const group = relatedGroup(text, findings, finding);
  const targets = targetsFor(group);
  const suggested = suggestSecretName({
    workspaceName: context.folder?.name,
    path: context.relativePath,
    findings: group,
  });
  const secretName =
    args.secretName ?? (await deps.ui.askSecretName(suggested, (name) => secretNameProblem(name), destination.label));
  if (secretName === undefined) return { status: 'cancelled', reason: 'no name' };
  const problem = secretNameProblem(secretName);
  if (problem) {
    deps.ui.error(problem);
    return { status: 'failed', reason: problem };
  }

  const templates = vscode.workspace
    .getConfiguration(DiagnosticSettings.section, uri)
    .get<Partial<Record<FixLanguage, FixTemplate>>>(DiagnosticSettings.templates);
  const root = context.folder?.uri ?? vscode.Uri.joinPath(uri, '..');
  const projectEnv = await readProjectEnv(root);
  const plan = planFix({
    text,
    path: context.relativePath,
    languageId: document.languageId,
    targets,
    secretName,
    project: await projectModuleInfo(uri),
    mode: args.mode,
    existingEnv: projectEnv.env,
    templates,
  });
  if (plan.blocked) {
    deps.ui.error(`Nothing was changed. ${plan.blocked} Use "read from environment variable" instead.`);
    return { status: 'failed', reason: plan.blocked };
  }
  // The whole edit is prepared before anything is stored: a config that cannot be extended stops here.
  const edit = new vscode.WorkspaceEdit();
  for (const file of plan.createFiles) {
    const target = vscode.Uri.joinPath(root, file.path);
    if (!(await exists(target)))
      edit.createFile(target, { ignoreIfExists: true, contents: new TextEncoder().encode(file.content) });
  }
  for (const change of plan.edits) {
    edit.replace(
      uri,
      new vscode.Range(document.positionAt(change.start), document.positionAt(change.end)),
      change.newText,
    );
  }
  let afterEdit = async () => undefined as void;
  if (plan.env && Object.keys(plan.env).length) {
    try {
      afterEdit = await addEnvEntries(edit, projectEnv, plan.env);
    } catch (error) {
      const reason = `${CONFIG_FILE_NAME} is not a JSON object (${(error as Error).message})`;
      deps.ui.error(`Nothing was changed: ${reason}.`);
      return { status: 'failed', reason };
    }
  }
  const secretString = secretStringFor(text, targets, plan.language);

  let stored: Awaited<ReturnType<typeof storeValue>>;
  let store: SecretStore;
  try {
    store = await deps.destinations.getStore(destination.id);
    stored = await storeValue(
      store,
      secretName,
      secretString,
      async () => args.onConflict ?? (await deps.ui.askConflict(secretName, destination.label)),
    );
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    deps.ui.error(`Nothing was changed: storing ${secretName} in ${destination.label} failed (${reason}).`);
    return { status: 'failed', reason };
  }
  if (stored === 'cancel') {
    deps.ui.info(`Nothing was changed: ${secretName} already exists in ${destination.label} with another value.`);
    return { status: 'cancelled', reason: 'name exists' };
  }
  deps.destinations.didStore?.(destination.id, secretName);

  const undo = async (why: string) => {
    if (stored === 'created')
      await store.deleteSecret({ secretId: secretName, forceDeleteWithoutRecovery: true }).catch(() => undefined);
    deps.ui.error(
      `The file was not changed (${why})${stored === 'created' ? ` and ${secretName} was removed again` : ''}.`,
    );
  };
  if (document.version !== version) {
    await undo('it was edited meanwhile');
    return { status: 'stale', reason: 'document edited' };
  }
  if (plan.changesFile && !(await vscode.workspace.applyEdit(edit))) {
    await undo('VS Code refused the edit');
    return { status: 'failed', reason: 'edit refused' };
  }
  await afterEdit();
  const where = `${destination.label} as ${secretName}${stored === 'newVersion' ? ' (new version)' : ''}`;
  const needs = plan.dependency ? ` Needs: ${plan.dependency}.` : '';
  deps.ui.info(`Moved to ${where}. ${[...plan.notes, ...localVaultNote(destination, plan)].join(' ')}${needs}`.trim());
  return { status: 'moved', secretName, plan, newVersion: stored === 'newVersion' };
}

const OFFLINE_DOC = 'https://github.com/secrets-workbench/secrets-workbench/blob/main/docs/offline.md';

/**
 * Code written for the local vault still reads through the AWS SDK (or the env map): say plainly what answers
 * it there, and where running the app offline is explained.
 */
function localVaultNote(destination: SecretDestination, plan: FixPlan): string[] {
  if (destination.kind !== 'local' || !plan.changesFile) return [];
  if (plan.mode === 'env')
    return [`To run the app from the local vault: \`secrets-workbench run -- <command>\` (${OFFLINE_DOC}).`];
  return [
    'The new code reads the secret through the AWS SDK; the local vault answers it when you run the app in ' +
      `offline mode ("Secrets: Go Offline") or behind \`secrets-workbench serve\` (${OFFLINE_DOC}).`,
  ];
}
