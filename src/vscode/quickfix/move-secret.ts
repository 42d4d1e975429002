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
import { ErrorCode, secretNameProblem, type SecretStore } from '../../core/store/index';
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

function errorCode(error: unknown): unknown {
  // By code, not instanceof: stores handed in from another bundle (tests, other extensions) have their own class.
  return (error as { code?: unknown } | undefined)?.code ?? (error as { name?: unknown } | undefined)?.name;
}

/**
 * Several secrets (one per value): every name that exists with another value is asked about before anything is
 * stored, so a cancel leaves all of them as they were. Resolves the names agreed to get a new version.
 */
async function askConflictsFirst(
  store: SecretStore,
  secrets: { name: string; secretString: string }[],
  ask: (name: string) => Promise<'newVersion' | 'cancel'>,
): Promise<Set<string> | { cancelled: string }> {
  const agreed = new Set<string>();
  for (const { name, secretString } of secrets) {
    let existing: string | undefined;
    try {
      existing = (await store.getSecretValue({ secretId: name })).secretString;
    } catch (error) {
      if (errorCode(error) === ErrorCode.resourceNotFound) continue;
      throw error;
    }
    if (existing === secretString) continue;
    if ((await ask(name)) !== 'newVersion') return { cancelled: name };
    agreed.add(name);
  }
  return agreed;
}

type Stored =
  | { result: 'created' | 'same' | 'cancel' }
  /** The new version and the one that was AWSCURRENT before, so a failure can move AWSCURRENT back. */
  | { result: 'newVersion'; versionId: string; previousVersionId: string };

/** Stores the value; resolves what it did to the store (so a failure can undo exactly that). */
async function storeValue(
  store: SecretStore,
  name: string,
  secretString: string,
  ask: () => Promise<'newVersion' | 'cancel'>,
): Promise<Stored> {
  try {
    await store.createSecret({ name, secretString, description: 'Moved from source code by Secrets Workbench.' });
    return { result: 'created' };
  } catch (error) {
    if (errorCode(error) !== ErrorCode.resourceExists) throw error;
  }
  const existing = await store.getSecretValue({ secretId: name });
  if (existing.secretString === secretString) return { result: 'same' };
  if ((await ask()) !== 'newVersion') return { result: 'cancel' };
  const { versionId } = await store.putSecretValue({ secretId: name, secretString });
  return { result: 'newVersion', versionId, previousVersionId: existing.versionId };
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
  // Several secrets (one per value) are stored one by one; a failure removes those this move created.
  const toStore = secretsToStore(text, targets, secretName, plan.language);
  const askConflict = async (name: string) => args.onConflict ?? (await deps.ui.askConflict(name, destination.label));
  const created: string[] = [];
  const newVersions: { name: string; versionId: string; previousVersionId: string }[] = [];
  let store: SecretStore | undefined;
  // Undo: delete what this move created, and give AWSCURRENT back to the version that had it.
  const removeCreated = async () => {
    for (const name of created)
      await store?.deleteSecret({ secretId: name, forceDeleteWithoutRecovery: true }).catch(() => undefined);
    for (const { name, versionId, previousVersionId } of newVersions)
      await store
        ?.updateSecretVersionStage({
          secretId: name,
          versionStage: 'AWSCURRENT',
          moveToVersionId: previousVersionId,
          removeFromVersionId: versionId,
        })
        .catch(() => undefined);
  };
  const removedNote = () =>
    [
      created.length ? ` and ${created.join(', ')} ${created.length > 1 ? 'were' : 'was'} removed again` : '',
      newVersions.length
        ? ` and ${newVersions.map((version) => version.name).join(', ')} ${newVersions.length > 1 ? 'are' : 'is'} back on ${newVersions.length > 1 ? 'their' : 'its'} previous AWSCURRENT version`
        : '',
    ].join('');
  let agreed = new Set<string>();
  for (const { name, secretString } of toStore) {
    let stored: Stored;
    try {
      if (!store) {
        store = await deps.destinations.getStore(destination.id);
        if (toStore.length > 1) {
          const answer = await askConflictsFirst(store, toStore, askConflict);
          if ('cancelled' in answer) {
            deps.ui.info(
              `Nothing was changed: ${answer.cancelled} already exists in ${destination.label} with another value.`,
            );
            return { status: 'cancelled', reason: 'name exists' };
          }
          agreed = answer;
        }
      }
      stored = await storeValue(store, name, secretString, async () =>
        agreed.has(name) ? 'newVersion' : askConflict(name),
      );
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      await removeCreated();
      deps.ui.error(`Nothing was changed: storing ${name} in ${destination.label} failed (${reason})${removedNote()}.`);
      return { status: 'failed', reason };
    }
    if (stored.result === 'cancel') {
      await removeCreated();
      deps.ui.info(
        `Nothing was changed: ${name} already exists in ${destination.label} with another value${removedNote()}.`,
      );
      return { status: 'cancelled', reason: 'name exists' };
    }
    if (stored.result === 'created') created.push(name);
    if (stored.result === 'newVersion') newVersions.push({ name, ...stored });
  }
  for (const name of names) deps.destinations.didStore?.(destination.id, name);

  const undo = async (why: string) => {
    await removeCreated();
    deps.ui.error(`The file was not changed (${why})${removedNote()}.`);
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
  if (isDotenv && several) await deps.dotenvChoice?.remember(onePerValue);
  const newVersion = newVersions.length > 0;
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
