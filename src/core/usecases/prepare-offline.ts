// Prepare for offline: find the secrets the code references, pull them from AWS into the local vault, and say
// by name what is not there. The extension's "Prepare for Offline…" and the CLI's `pull --scan` share the
// discovery and the pull; each front renders the report its own way.
import { distinctSecretIds, findWorkspaceReferences, type SecretReference } from '../references/index';
import type { PullReport } from '../sync/index';
import type { UserInput } from './ports';

export interface ReferencedSecrets {
  /** Every reference, its path prefixed with its folder. */
  references: SecretReference[];
  /** Distinct secret ids, in first-seen order. */
  referenced: string[];
  filesScanned: number;
}

/** The secrets the code in `folders` references; `exclude` gives a folder's extra exclusion globs. */
export async function findReferencedSecrets(
  folders: readonly string[],
  exclude: (folder: string) => string[] = () => [],
): Promise<ReferencedSecrets> {
  const references: SecretReference[] = [];
  let filesScanned = 0;
  for (const folder of folders) {
    const scan = await findWorkspaceReferences(folder, { exclude: exclude(folder) });
    filesScanned += scan.filesScanned;
    references.push(...scan.references.map((r) => ({ ...r, path: `${folder}/${r.path}` })));
  }
  return { references, referenced: distinctSecretIds(references), filesScanned };
}

/** Whether to keep every staged version or only AWSCURRENT; undefined when the user dismissed the question. */
export function askAllVersions(ui: UserInput): Promise<boolean | undefined> {
  return ui.pick(
    [
      { label: 'Current values', description: 'AWSCURRENT only', value: false },
      {
        label: 'All staged versions',
        description: 'AWSCURRENT, AWSPREVIOUS, AWSPENDING and custom labels',
        value: true,
      },
    ],
    { title: 'Prepare for Offline', placeholder: 'Which versions should the vault keep?' },
  );
}

/** Results whose secret is usable offline (a local change kept counts: the vault has a value). */
export function inVaultAfterPull(report: PullReport): { ready: PullReport['results']; missing: PullReport['results'] } {
  const ready = report.results.filter((r) =>
    ['created', 'updated', 'unchanged', 'kept-local-changes'].includes(r.status),
  );
  return { ready, missing: report.results.filter((r) => !ready.includes(r)) };
}
