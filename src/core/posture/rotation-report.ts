// The "Rotation Health" report of one connection: a Markdown page, worst states first. Names and dates only.
import type { RotationHealth, RotationState } from './rotation-health';

const order: RotationState[] = ['failed', 'overdue', 'not-configured', 'never-rotated', 'healthy'];
const titles: Record<RotationState, string> = {
  failed: 'Failed',
  overdue: 'Overdue',
  'not-configured': 'Not configured (credential)',
  'never-rotated': 'Never rotated',
  healthy: 'Healthy',
};

/** Markdown cells cannot hold `|` or line breaks. */
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\s+/g, ' ');

export function rotationReport(
  connectionLabel: string,
  rows: { name: string; health: RotationHealth }[],
  generatedAt: Date,
): string {
  const counts = order.map((state) => `${titles[state]}: ${rows.filter((r) => r.health.state === state).length}`);
  const sorted = [...rows].sort(
    (a, b) => order.indexOf(a.health.state) - order.indexOf(b.health.state) || a.name.localeCompare(b.name),
  );
  return [
    `# Rotation health: ${cell(connectionLabel)}`,
    '',
    `${rows.length} secret(s), ${generatedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC. ${counts.join(' · ')}`,
    '',
    '| secret | state | found | remedy |',
    '| --- | --- | --- | --- |',
    ...sorted.map(
      ({ name, health }) =>
        `| ${cell(name)} | ${titles[health.state]} | ${cell(health.reason)} | ${cell(health.remedy)} |`,
    ),
    '',
  ].join('\n');
}
