// `secrets-workbench rename <old> <new>`: the CLI side of Rename Secret… on the same core (renameSecret). Copies
// every staged version to the new name, prints the reference edits in DIR (writes them with --apply), and
// schedules the old secret for deletion only with --delete-old. Prints names and positions, never a value.
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { findWorkspaceReferences, projectEnvMap } from '../../core/references/index';
import { applyReplacements, type ReferenceEditPlan } from '../../core/rename/reference-edits';
import { renameSecret } from '../../core/rename/rename-secret';
import { printableLines } from '../../core/terminal-text';
import { resolveStore, storeOptionSpecs } from '../store-options';
import { renameSummary } from './index';
import { ExitCode, UsageError, type CliCommand, type CliIo } from './types';

const usage = `Usage: secrets-workbench rename <old-name> <new-name> [--dir DIR] [--apply] [--delete-old]
                              [--recovery-days N] [--store local|aws] [--vault FILE] [--profile P] [--region R]

Copies the secret to the new name with every staged version (same version ids and stages), then lists every
reference to it in DIR's code (default: the current folder) with the text that replaces it.

  --apply            write the reference edits into the files
  --delete-old       then schedule the old secret for deletion (only with --apply)
  --recovery-days N  recovery window for --delete-old, 7-30 (default 30)

Exit codes: 0 renamed, 2 usage error or failure (nothing is left half-done: a failed copy is removed).`;

export const renameCommand: CliCommand = {
  name: 'rename',
  summary: renameSummary,
  usage,
  async run(args: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parse(args);
    if (positionals.length !== 2) throw new UsageError('give the old and the new name');
    const [oldName, newName] = positionals;
    if (values['delete-old'] && !values.apply) throw new UsageError('--delete-old needs --apply');
    const days = values['recovery-days'] === undefined ? undefined : Number(values['recovery-days']);
    if (days !== undefined && !(Number.isInteger(days) && days >= 7 && days <= 30)) {
      throw new UsageError('--recovery-days must be a whole number from 7 to 30');
    }
    const root = resolve(io.cwd, values.dir ?? '.');
    const opened = await resolveStore(
      {
        store: values.store,
        vault: values.vault,
        profile: values.profile,
        region: values.region,
        endpoint: values.endpoint,
        acceptRollback: values['accept-rollback'],
      },
      io,
    );
    try {
      const outcome = await renameSecret(
        {
          store: opened.store,
          findReferences: async () =>
            (await findWorkspaceReferences(root, { envMap: projectEnvMap(root) })).references.map((r) => ({
              ...r,
              path: r.path!,
            })),
          readText: (path) => readFile(resolve(root, path), 'utf8').catch(() => undefined),
          applyEdits: async (plan) => {
            io.stdout.write(formatPlan(plan));
            if (values.apply) await writeEdits(root, plan);
            return true;
          },
          confirmDeletion: async () => values['delete-old'] === true,
        },
        oldName,
        newName,
        days === undefined ? {} : { recoveryWindowInDays: days },
      );
      if (outcome.status !== 'renamed') return ExitCode.usage; // applyEdits never declines here
      const { plan } = outcome;
      const edits = `${plan.replacements.length} reference(s) in ${plan.files.length} file(s)`;
      io.stdout.write(
        printableLines(
          `Copied "${oldName}" to "${newName}" (${outcome.versionsCopied} version(s)); ` +
            `${values.apply ? `updated ${edits}` : `${edits} listed above, not written (--apply writes them)`}.\n` +
            (outcome.oldDeletionDate
              ? `"${oldName}" is scheduled for deletion on ${outcome.oldDeletionDate.toISOString().slice(0, 10)}.\n`
              : `"${oldName}" is kept.\n`),
        ),
      );
      for (const { reference, reason } of plan.skipped) {
        io.stderr.write(printableLines(`not rewritten: ${reference.path}:${reference.line + 1} (${reason})\n`));
      }
      return ExitCode.ok;
    } finally {
      opened.close();
    }
  },
};

function parse(args: string[]) {
  try {
    return parseArgs({
      args,
      allowPositionals: true,
      options: {
        ...storeOptionSpecs,
        dir: { type: 'string' },
        apply: { type: 'boolean' },
        'delete-old': { type: 'boolean' },
        'recovery-days': { type: 'string' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function formatPlan(plan: ReferenceEditPlan): string {
  return plan.replacements
    .map((r) => printableLines(`${r.path}:${r.line + 1}:${r.character + 1}  ${r.oldText} -> ${r.newText}\n`))
    .join('');
}

async function writeEdits(root: string, plan: ReferenceEditPlan): Promise<void> {
  for (const path of plan.files) {
    const file = resolve(root, path);
    const text = await readFile(file, 'utf8');
    await writeFile(
      file,
      applyReplacements(
        text,
        plan.replacements.filter((r) => r.path === path),
      ),
    );
  }
}
