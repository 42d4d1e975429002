// The "Rotation Health" report of one connection: a Markdown page, worst states first. Names and dates only.
import type { SecretMetadata } from '../store/types';
import { describeKey, describeReplicas } from './kms-replicas';
import { rotationStateTitles, type RotationHealth, type RotationState } from './rotation-health';

/** One secret of the report; `metadata` (key and replicas) adds it to the "Encryption and replicas" table. */
export interface ReportRow {
  name: string;
  health: RotationHealth;
  metadata?: Pick<SecretMetadata, 'kmsKeyId' | 'replicationStatus'>;
}

const order: RotationState[] = ['failed', 'overdue', 'not-configured', 'never-rotated', 'healthy'];

/** The rows by state, worst first, then by name. */
export function worstFirst(rows: readonly ReportRow[]): ReportRow[] {
  return [...rows].sort(
    (a, b) => order.indexOf(a.health.state) - order.indexOf(b.health.state) || a.name.localeCompare(b.name),
  );
}

/** Markdown cells cannot hold `|` or line breaks. */
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\s+/g, ' ');

export function rotationReport(connectionLabel: string, rows: ReportRow[], generatedAt: Date): string {
  const counts = order.map(
    (state) => `${rotationStateTitles[state]}: ${rows.filter((r) => r.health.state === state).length}`,
  );
  const sorted = worstFirst(rows);
  return [
    `# Rotation health: ${cell(connectionLabel)}`,
    '',
    `${rows.length} secret(s), ${generatedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC. ${counts.join(' · ')}`,
    '',
    '| secret | state | found | remedy |',
    '| --- | --- | --- | --- |',
    ...sorted.map(
      ({ name, health }) =>
        `| ${cell(name)} | ${rotationStateTitles[health.state]} | ${cell(health.reason)} | ${cell(health.remedy)} |`,
    ),
    '',
    ...encryptionTable(sorted),
  ].join('\n');
}

/** The key kind and replicas of each secret, in the report's order; replicas "unknown" where not described. */
function encryptionTable(rows: ReportRow[]): string[] {
  const described = rows.filter((r) => r.metadata);
  if (!described.length) return [];
  return [
    '## Encryption and replicas',
    '',
    '| secret | KMS key | replicas |',
    '| --- | --- | --- |',
    ...described.map(
      ({ name, metadata }) =>
        `| ${cell(name)} | ${cell(describeKey(metadata!.kmsKeyId))} | ${cell(describeReplicas(metadata!.replicationStatus))} |`,
    ),
    '',
  ];
}
