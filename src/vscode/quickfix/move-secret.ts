// "Move to …": suggest a name, prepare the whole WorkspaceEdit (the literal(s) replaced by fetch code, or by an
// environment read plus the env map entry in .secrets-workbench.json), store the value FIRST, and only then
// apply the edit. Any failure before the edit leaves every file untouched; a failed edit removes a secret this
// move created, so nothing half-done is left behind. A fetch whose result would be a Promise is never written.
import * as vscode from 'vscode';
import { CONFIG_FILE_NAME, scanText, type Finding } from '../../core/detection/index';
import {
  fixLanguageFor,
  planFix,
  relatedGroup,
  secretsToStore,
  separateTargets,
  suggestSecretName,
  targetsFor,
  uniqueByRange,
  type FixFinding,
  type FixPlan,
  type FixTarget,
  type FixTemplate,
  type FixLanguage,
  type FixMode,
} from '../../core/fixes/index';
import { secretNameProblem } from '../../core/store/validation';
import { moveToManager } from '../../core/usecases/move-to-manager';
import { DiagnosticSettings } from '../constants';
import type { SecretDiagnostics } from '../diagnostics/secret-diagnostics';
import { findingKey } from '../diagnostics/finding-data';
import type { SecretDestination, SecretDestinationProvider } from './destinations';
import type { DotenvChoice } from './dotenv-choice';
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
  /** A .env with several credentials: one secret per value instead of one JSON secret. */
  onePerValue?: boolean;
  /** With `onePerValue`, the names given up front, in document order. */
  secretNames?: string[];
}

export type MoveOutcome =
  | { status: 'moved'; secretName: string; secretNames: string[]; plan: FixPlan; newVersion: boolean }
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

export async function moveSecret(
  args: MoveArgs,
  deps: {
    diagnostics: SecretDiagnostics;
    destinations: SecretDestinationProvider;
    ui: QuickFixUi;
    /** Remembers how a .env with several credentials was moved last. */
    dotenvChoice?: DotenvChoice;
  },
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
  const isDotenv = fixLanguageFor(context.relativePath, document.languageId, text) === 'dotenv';
  const several = uniqueByRange(group).length > 1;
  const onePerValue = !!args.onePerValue && isDotenv && several;
  const named = await nameSecrets(onePerValue ? uniqueByRange(group) : [group], {
    workspaceName: context.folder?.name,
    path: context.relativePath,
    given: onePerValue ? args.secretNames : args.secretName === undefined ? undefined : [args.secretName],
    destination: destination.label,
    ui: deps.ui,
  });
  if (!Array.isArray(named)) return named;
  const names = named;
  const secretName = names[0];
  const targets: FixTarget[] = onePerValue ? separateTargets(group, names) : targetsFor(group);

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
  // Stored first, edited after (src/core/usecases/move-to-manager.ts): any failure undoes the store's changes.
  const label = destination.label;
  const result = await moveToManager({
    store: () => deps.destinations.getStore(destination.id),
    secrets: secretsToStore(text, targets, secretName, plan.language),
    askConflict: async (name) => args.onConflict ?? (await deps.ui.askConflict(name, label)),
    edit: async () => {
      for (const name of names) deps.destinations.didStore?.(destination.id, name);
      if (document.version !== version) return 'stale';
      return plan.changesFile && !(await vscode.workspace.applyEdit(edit)) ? 'refused' : 'edited';
    },
  });
  switch (result.status) {
    case 'conflict':
      deps.ui.info(
        `Nothing was changed: ${result.name} already exists in ${label} with another value${result.undone}.`,
      );
      return { status: 'cancelled', reason: 'name exists' };
    case 'store-failed':
      deps.ui.error(
        `Nothing was changed: storing ${result.name} in ${label} failed (${result.reason})${result.undone}.`,
      );
      return { status: 'failed', reason: result.reason };
    case 'stale':
      deps.ui.error(`The file was not changed (it was edited meanwhile)${result.undone}.`);
      return { status: 'stale', reason: 'document edited' };
    case 'refused':
      deps.ui.error(`The file was not changed (VS Code refused the edit)${result.undone}.`);
      return { status: 'failed', reason: 'edit refused' };
    case 'moved':
      break;
  }
  await afterEdit();
  if (isDotenv && several) await deps.dotenvChoice?.remember(onePerValue);
  const newVersion = result.newVersion;
  const where = `${destination.label} as ${names.join(', ')}${newVersion ? ' (new version)' : ''}`;
  const needs = plan.dependency ? ` Needs: ${plan.dependency}.` : '';
  deps.ui.info(`Moved to ${where}. ${[...plan.notes, ...localVaultNote(destination, plan)].join(' ')}${needs}`.trim());
  return { status: 'moved', secretName, secretNames: names, plan, newVersion };
}

/**
 * The secret name(s) of a move: one for the group, or one per value (each box names its variable). Names given
 * up front are checked as typed ones are; two values never share a name.
 */
async function nameSecrets(
  parts: (FixFinding | FixFinding[])[],
  options: {
    workspaceName?: string;
    path: string;
    given?: string[];
    destination: string;
    ui: QuickFixUi;
  },
): Promise<string[] | { status: 'cancelled' | 'failed'; reason: string }> {
  const names: string[] = [];
  for (const [i, part] of parts.entries()) {
    const findings = Array.isArray(part) ? part : [part];
    const validate = (name: string) =>
      secretNameProblem(name) ?? (names.includes(name) ? `${name} is already the name of another value.` : undefined);
    const suggested = suggestSecretName({ workspaceName: options.workspaceName, path: options.path, findings });
    const which =
      parts.length > 1 ? `${i + 1} of ${parts.length}: ${findings[0].name ?? findings[0].ruleId}` : undefined;
    const name =
      options.given?.[i] ?? (await options.ui.askSecretName(suggested, validate, options.destination, which));
    if (name === undefined) return { status: 'cancelled', reason: 'no name' };
    const problem = validate(name);
    if (problem) {
      options.ui.error(problem);
      return { status: 'failed', reason: problem };
    }
    names.push(name);
  }
  return names;
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
