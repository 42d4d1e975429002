// Compare two values of secrets: two versions (AWSPREVIOUS → AWSCURRENT by default), two secrets, or the same
// name in two connections. The CLI's `secrets diff` and the extension's Compare… resolve versions here.
import { Stage, type SecretStore, type SecretVersionEntry } from '../store/types';
import { attempt, required, type UserInput } from './ports';

/** Every version of a secret, all pages, deprecated ones included unless asked otherwise. */
export async function listAllVersions(
  store: SecretStore,
  secretId: string,
  includeDeprecated = true,
): Promise<{ arn: string; name: string; versions: SecretVersionEntry[] }> {
  const list = (nextToken?: string) =>
    attempt(`Listing versions of "${secretId}"`, () =>
      store.listSecretVersionIds({ secretId, includeDeprecated, maxResults: 100, nextToken }),
    );
  const first = await list();
  const versions = [...first.versions];
  for (let nextToken = first.nextToken; nextToken;) {
    const page = await list(nextToken);
    versions.push(...page.versions);
    nextToken = page.nextToken;
  }
  return { arn: first.arn, name: first.name, versions };
}

/** A version id or a staging label, as a user writes it (`--from AWSPREVIOUS`, `--to 3f2a…`). */
export function versionSelector(
  ref: string,
  versions: readonly SecretVersionEntry[],
): { versionId: string } | { versionStage: string } {
  return versions.some((v) => v.versionId === ref) ? { versionId: ref } : { versionStage: ref };
}

export type Which = { versionId: string } | { stage: string };

/** The version `which` names, with its stages; a missing stage is an error saying what to do instead. */
export async function resolveVersion(
  store: SecretStore,
  name: string,
  which: Which,
): Promise<{ versionId: string; stages: string[] }> {
  const meta = await attempt(`Reading "${name}"`, () => store.describeSecret(name));
  if ('versionId' in which)
    return { versionId: which.versionId, stages: meta.versionIdsToStages[which.versionId] ?? [] };
  const found = Object.entries(meta.versionIdsToStages).find(([, s]) => s.includes(which.stage));
  if (!found) throw new Error(`"${name}" has no ${which.stage} version to compare. Choose "Two versions…" instead.`);
  return { versionId: found[0], stages: found[1] };
}

/** One side of a comparison: a secret in a connection, at a version or stage. */
export interface Side {
  connectionId: string;
  name: string;
  which: Which;
}

export interface CompareChoices {
  /** The secret's versions (asked only when needed). */
  versions(): Promise<SecretVersionEntry[]>;
  /** Labels of the other connections, empty when there is none. */
  otherConnections: string[];
  /** Another secret of the same connection (a pick). */
  pickOtherSecret(): Promise<string>;
  /** Another connection holding the same name (a pick, then a check that the name exists there). */
  pickOtherConnection(): Promise<string>;
}

type Mode = 'stages' | 'versions' | 'secret' | 'connection';

/**
 * What to compare `name` with: from a version, that version against AWSCURRENT; else the user chooses among
 * what exists (a secret never changed has no AWSPREVIOUS, one version has nothing to pair).
 */
export async function chooseComparison(
  ui: UserInput,
  target: { connectionId: string; name: string; versionId?: string },
  choices: CompareChoices,
): Promise<[Side, Side]> {
  const title = 'Compare Secrets';
  const at = (which: Which, name = target.name, connectionId = target.connectionId): Side => ({
    connectionId,
    name,
    which,
  });
  const current = { stage: Stage.current };
  if (target.versionId) return [at({ versionId: target.versionId }), at(current)];
  const versions = await choices.versions();
  const hasPrevious = versions.some((v) => v.versionStages.includes(Stage.previous));
  const others = choices.otherConnections;
  const mode = required(
    await ui.pick<Mode>(
      [
        ...(hasPrevious
          ? [{ label: 'AWSPREVIOUS ↔ AWSCURRENT', description: 'what the last change did', value: 'stages' as const }]
          : []),
        ...(versions.length > 1 ? [{ label: 'Two versions…', value: 'versions' as const }] : []),
        { label: 'Another secret…', value: 'secret' },
        ...(others.length
          ? [
              {
                label: 'Same name in another connection…',
                description: others.join(', '),
                value: 'connection' as const,
              },
            ]
          : []),
      ],
      { title, placeholder: `Compare "${target.name}" with…` },
    ),
  );
  switch (mode) {
    case 'stages':
      return [at({ stage: Stage.previous }), at(current)];
    case 'versions': {
      const pickVersion = async (placeholder: string, exclude?: string) =>
        required(
          await ui.pick(
            versions
              .filter((v) => v.versionId !== exclude)
              .map((v) => ({
                label: v.versionStages.join(', ') || 'deprecated',
                description: `${v.createdDate.toISOString()} · ${v.versionId}`,
                value: v.versionId,
              })),
            { title, placeholder },
          ),
        );
      const first = await pickVersion('Left (older) version');
      return [at({ versionId: first }), at({ versionId: await pickVersion('Right (newer) version', first) })];
    }
    case 'secret':
      return [at(current), at(current, await choices.pickOtherSecret())];
    case 'connection':
      return [at(current, target.name, await choices.pickOtherConnection()), at(current)];
  }
}
