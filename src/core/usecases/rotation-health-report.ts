// Rotation Health of a connection (#23): every secret listed, page by page, with its rotation state. Values are
// not read: a credential is recognised from metadata only (core/posture/rotation-health.ts), so a credential with
// rotation off that its metadata does not mark shows as never rotated rather than not configured.
import { looksLikeDatabaseSecret } from '../database/detect';
import { describeWithReplicas } from '../posture/kms-replicas';
import { readRotationHealth, rotationHealth } from '../posture/rotation-health';
import { rotationReport, type ReportRow } from '../posture/rotation-report';
import { Stage, type SecretStore } from '../store/types';

/** Every secret of `store` with its rotation health (the editor's report, `secrets rotation-health`). */
export async function rotationHealthRows(store: SecretStore, now = new Date()): Promise<ReportRow[]> {
  const rows: ReportRow[] = [];
  let nextToken: string | undefined;
  do {
    const page = await store.listSecrets({ maxResults: 100, ...(nextToken ? { nextToken } : {}) });
    // replicas only come with DescribeSecret: described where the store has them
    const secrets = store.capabilities.replicas ? await describeWithReplicas(store, page.secrets) : page.secrets;
    for (const metadata of secrets) {
      const pending = Object.values(metadata.versionIdsToStages).some(
        (stages) => stages.includes(Stage.pending) && !stages.includes(Stage.current),
      );
      // rare: only then are the versions listed, for how long AWSPENDING has been there
      const health = pending
        ? await readRotationHealth(store, metadata.arn, now)
        : rotationHealth({ metadata, credentialShaped: looksLikeDatabaseSecret(metadata) }, now);
      rows.push({ name: metadata.name, health, metadata });
    }
    nextToken = page.nextToken;
  } while (nextToken);
  return rows;
}

/** The Markdown report of `store`'s secrets, titled `label`. */
export async function rotationHealthReport(store: SecretStore, label: string, now = new Date()): Promise<string> {
  return rotationReport(label, await rotationHealthRows(store, now), now);
}
