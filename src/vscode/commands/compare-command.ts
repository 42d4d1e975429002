// Compare…: VS Code's diff editor on read-only, key-sorted texts: two versions (AWSPREVIOUS → AWSCURRENT by
// default), two secrets, or the same name in two connections (e.g. AWS and the local vault).
import * as vscode from 'vscode';
import { Stage, type SecretVersionEntry } from '../../core/store/types';
import { Commands } from '../constants';
import { compareUri } from '../documents/compare-documents';
import { highlightIfJson } from '../documents/json-language';
import type { Services } from '../services';
import { attempt, registerCommand, required } from './runner';
import { pickConnection, pickSecret, resolveSecret, type SecretTarget } from './targets';

type Side = { connectionId: string; connectionLabel: string; name: string; versionId: string; label: string };
type Mode = 'stages' | 'versions' | 'secret' | 'connection';

export function registerCompareCommand(services: Services): vscode.Disposable {
  return registerCommand(services, Commands.compare, async (node) => {
    const title = 'Compare Secrets';
    const target = await resolveSecret(services, node, title, (s) => !s.deletedDate);
    const ui = services.ui();
    let left: Side;
    let right: Side;
    if (target.versionId) {
      // From a version node: that version against AWSCURRENT.
      left = await side(services, target, { versionId: target.versionId });
      right = await side(services, target, { stage: Stage.current });
    } else {
      const others = services.connections.list().filter((c) => c.id !== target.connection.id);
      // Offer only what exists: a secret never changed has no AWSPREVIOUS, one version has nothing to pair.
      const versions = await listVersions(services, target);
      const hasPrevious = versions.some((v) => v.versionStages.includes(Stage.previous));
      const mode = required(
        await ui.pick<Mode>(
          [
            ...(hasPrevious
              ? [
                  {
                    label: 'AWSPREVIOUS ↔ AWSCURRENT',
                    description: 'what the last change did',
                    value: 'stages' as const,
                  },
                ]
              : []),
            ...(versions.length > 1 ? [{ label: 'Two versions…', value: 'versions' as const }] : []),
            { label: 'Another secret…', value: 'secret' },
            ...(others.length
              ? [
                  {
                    label: 'Same name in another connection…',
                    description: others.map((c) => c.label).join(', '),
                    value: 'connection' as const,
                  },
                ]
              : []),
          ],
          { title, placeholder: `Compare "${target.secret.name}" with…` },
        ),
      );
      if (mode === 'stages') {
        left = await side(services, target, { stage: Stage.previous });
        right = await side(services, target, { stage: Stage.current });
      } else if (mode === 'versions') {
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
        left = await side(services, target, { versionId: first });
        right = await side(services, target, { versionId: await pickVersion('Right (newer) version', first) });
      } else if (mode === 'secret') {
        const other = await pickSecret(
          services,
          target.connection,
          title,
          (s) => s.name !== target.secret.name && !s.deletedDate,
        );
        left = await side(services, target, { stage: Stage.current });
        right = await side(services, { connection: target.connection, secret: other }, { stage: Stage.current });
      } else {
        const connection = await pickConnection(services, title, (c) => c.id !== target.connection.id);
        const store = await services.connections.getStore(connection.id);
        const secret = await attempt(`Finding "${target.secret.name}" in ${connection.label}`, () =>
          store.describeSecret(target.secret.name),
        );
        left = await side(services, { connection, secret }, { stage: Stage.current });
        right = await side(services, target, { stage: Stage.current });
      }
    }
    const leftUri = compareUri({ connectionId: left.connectionId, name: left.name, versionId: left.versionId });
    const rightUri = compareUri({ connectionId: right.connectionId, name: right.name, versionId: right.versionId });
    const diffTitle = `${left.label} ↔ ${right.label}`;
    await attempt('Reading the values to compare', () =>
      Promise.all(
        [leftUri, rightUri].map(async (uri) => highlightIfJson(await vscode.workspace.openTextDocument(uri))),
      ),
    );
    await vscode.commands.executeCommand('vscode.diff', leftUri, rightUri, diffTitle, { preview: true });
    return { left: leftUri.toString(), right: rightUri.toString(), title: diffTitle };
  });
}

async function side(
  services: Services,
  target: Pick<SecretTarget, 'connection' | 'secret'>,
  which: { versionId: string } | { stage: string },
): Promise<Side> {
  const name = target.secret.name;
  const store = await services.connections.getStore(target.connection.id);
  let versionId: string;
  let stages: string[];
  if ('versionId' in which) {
    versionId = which.versionId;
    const meta = await attempt(`Reading "${name}"`, () => store.describeSecret(name));
    stages = meta.versionIdsToStages[versionId] ?? [];
  } else {
    const meta = await attempt(`Reading "${name}"`, () => store.describeSecret(name));
    const found = Object.entries(meta.versionIdsToStages).find(([, s]) => s.includes(which.stage));
    if (!found) throw new Error(`"${name}" has no ${which.stage} version to compare. Choose "Two versions…" instead.`);
    [versionId, stages] = found;
  }
  const stageText = stages.length ? stages.join(', ') : versionId.slice(0, 8);
  return {
    connectionId: target.connection.id,
    connectionLabel: target.connection.label,
    name,
    versionId,
    label: `${name} (${stageText}${services.connections.list().length > 1 ? `, ${target.connection.label}` : ''})`,
  };
}

async function listVersions(services: Services, target: SecretTarget): Promise<SecretVersionEntry[]> {
  const store = await services.connections.getStore(target.connection.id);
  const versions: SecretVersionEntry[] = [];
  let nextToken: string | undefined;
  do {
    const page = await attempt(`Listing versions of "${target.secret.name}"`, () =>
      store.listSecretVersionIds({ secretId: target.secret.name, includeDeprecated: true, maxResults: 100, nextToken }),
    );
    versions.push(...page.versions);
    nextToken = page.nextToken;
  } while (nextToken);
  return versions;
}
