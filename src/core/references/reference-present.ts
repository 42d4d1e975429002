// The text CodeLens and hover show for a secret reference, from metadata and JSON key names only: there is no
// value anywhere in here, by construction (the key lookup drops the value before anything reaches this file).
import { deletionDate, describeSchedule, escapeMarkdown, formatDate } from '../explorer/present';
import { Stage, type SecretMetadata } from '../store/types';
import type { SecretKeys, SecretLookup } from './secret-metadata';

/** A lookup, or why it failed (a store error's message, which never holds a value). */
export type LookupOutcome = SecretLookup | { status: 'error'; message: string };

export interface ReferenceFacts {
  /** The secret id as the code writes it. */
  secretId: string;
  jsonKey?: string;
  versionStage?: string;
  versionId?: string;
}

/** One line above the reference: exists / missing, connection, versions, last change, rotation. */
export function referenceLensTitle(outcome: LookupOutcome, connectionLabel: string): string {
  switch (outcome.status) {
    case 'error':
      return `$(error) could not check in ${connectionLabel}: ${shorten(outcome.message)}`;
    case 'missing':
      return `$(warning) missing in ${connectionLabel}`;
    case 'found': {
      const secret = outcome.metadata;
      if (secret.deletedDate)
        return `$(trash) scheduled for deletion on ${formatDate(deletionDate(secret))} · ${connectionLabel}`;
      const versions = Object.keys(secret.versionIdsToStages).length;
      return [
        `$(pass) exists in ${connectionLabel}`,
        `${versions} ${versions === 1 ? 'version' : 'versions'}`,
        `changed ${formatDate(secret.lastChangedDate ?? secret.createdDate)}`,
        rotationState(secret),
      ].join(' · ');
    }
  }
}

export function rotationState(secret: SecretMetadata): string {
  if (!secret.rotationEnabled) return 'no rotation';
  return secret.nextRotationDate ? `rotation on, next ${formatDate(secret.nextRotationDate)}` : 'rotation on';
}

/** The hover's Markdown (without the command link, which the editor adds): metadata and key names. */
export function referenceHoverMarkdown(
  reference: ReferenceFacts,
  outcome: LookupOutcome,
  connectionLabel: string,
  keys?: SecretKeys,
): string {
  const title = `**${escapeMarkdown(reference.secretId)}**`;
  const where = escapeMarkdown(connectionLabel);
  if (outcome.status === 'error') return `${title}: could not check in ${where}: ${escapeMarkdown(outcome.message)}`;
  if (outcome.status === 'missing') return `${title}: $(warning) no such secret in ${where}`;
  const secret = outcome.metadata;
  const lines = [`${title} in ${where}`, ''];
  if (secret.deletedDate) lines.push(`$(trash) Scheduled for deletion on ${formatDate(deletionDate(secret))}.`, '');
  if (secret.description) lines.push(escapeMarkdown(secret.description), '');
  const tags = secret.tags.map((t) => `\`${code(t.key)}\`: ${escapeMarkdown(t.value)}`);
  lines.push(`- Tags: ${tags.length ? tags.join(', ') : '—'}`);
  lines.push(`- Stages: ${stagesLine(secret)}`);
  lines.push(`- JSON keys (current version): ${keysLine(keys)}`);
  if (reference.jsonKey && keys?.status === 'keys') {
    const has = keys.keys.includes(reference.jsonKey);
    lines.push(
      `- Reads key \`${code(reference.jsonKey)}\`: ${has ? 'present' : '$(warning) not in the current version'}`,
    );
  }
  lines.push(`- Last changed: ${formatDate(secret.lastChangedDate ?? secret.createdDate)}`);
  lines.push(`- Rotation: ${rotationState(secret)}${secret.rotationEnabled ? ` (${describeSchedule(secret)})` : ''}`);
  return lines.join('\n');
}

function stagesLine(secret: SecretMetadata): string {
  const rank = (stages: string[]) => {
    const at = [Stage.current, Stage.pending, Stage.previous].findIndex((stage) => stages.includes(stage));
    return at < 0 ? 3 : at;
  };
  const entries = Object.entries(secret.versionIdsToStages)
    .filter(([, stages]) => stages.length)
    .sort(([, a], [, b]) => rank(a) - rank(b));
  if (!entries.length) return '—';
  return entries
    .map(([id, stages]) => `${stages.map(escapeMarkdown).join(', ')} (\`${code(id.slice(0, 8))}\`)`)
    .join('; ');
}

function keysLine(keys: SecretKeys | undefined): string {
  switch (keys?.status) {
    case undefined:
      return '—';
    case 'keys':
      return keys.keys.length ? keys.keys.map((k) => `\`${code(k)}\``).join(', ') : 'none (an empty object)';
    case 'not-json':
      return 'none (the value is not a JSON object)';
    case 'missing':
    case 'deleted':
      return '—';
  }
}

/** Text inside a code span: backticks would end it early. */
const code = (text: string) => text.replaceAll('`', "'");

const shorten = (text: string) => {
  const line = text.split('\n')[0];
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
};
