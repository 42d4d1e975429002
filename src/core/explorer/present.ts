// Labels, descriptions, tooltips (Markdown) and markings for the explorer's secrets and versions.
// Built from metadata only: there is no value anywhere in here, by construction.
import { describeKey, describeReplicas } from '../posture/kms-replicas';
import { Stage, type SecretMetadata, type SecretVersionEntry } from '../store/types';
import { cleanupAfterDays, describeUnread, isCleanupCandidate, unreadFor } from '../access/cleanup';

export interface SecretMarkings {
  scheduledForDeletion: boolean;
  rotationEnabled: boolean;
  /** AWSPENDING sits on a version that is not AWSCURRENT: the next rotation will fail until it is cleared. */
  stuckPending: boolean;
  /** Unread for 90 days or more (see core/access/cleanup.ts). */
  cleanupCandidate: boolean;
}

export function secretMarkings(secret: SecretMetadata, now = new Date()): SecretMarkings {
  return {
    scheduledForDeletion: secret.deletedDate !== undefined,
    cleanupCandidate: isCleanupCandidate(secret, now),
    rotationEnabled: secret.rotationEnabled,
    stuckPending: Object.values(secret.versionIdsToStages).some(
      (stages) => stages.includes(Stage.pending) && !stages.includes(Stage.current),
    ),
  };
}

export function isStuckPending(version: Pick<SecretVersionEntry, 'versionStages'>): boolean {
  return version.versionStages.includes(Stage.pending) && !version.versionStages.includes(Stage.current);
}

export function formatDate(date: Date | undefined): string {
  return date ? date.toISOString().slice(0, 10) : '—';
}

export function formatDateTime(date: Date | undefined): string {
  return date ? date.toISOString().replace('T', ' ').slice(0, 16) + ' UTC' : '—';
}

/** The short grey text after a secret's label. */
export function secretDescription(secret: SecretMetadata, now = new Date()): string {
  const m = secretMarkings(secret, now);
  const parts: string[] = [];
  if (m.scheduledForDeletion) parts.push(`deletion on ${formatDate(deletionDate(secret))}`);
  if (m.cleanupCandidate) parts.push(`unread ${unreadFor(secret, now)?.days ?? cleanupAfterDays}+ days`);
  if (m.stuckPending) parts.push('AWSPENDING stuck');
  if (m.rotationEnabled) parts.push('rotation on');
  return parts.join(' · ');
}

/** AWS only reports when deletion was requested; the vault knows the date. Without it, assume the 30-day default. */
export function deletionDate(secret: SecretMetadata): Date | undefined {
  if (secret.deletionDate) return secret.deletionDate;
  return secret.deletedDate ? new Date(secret.deletedDate.getTime() + 30 * 86_400_000) : undefined;
}

export function describeSchedule(secret: SecretMetadata): string {
  const rules = secret.rotationRules;
  if (!rules) return 'none';
  const every =
    rules.scheduleExpression ?? (rules.automaticallyAfterDays ? `every ${rules.automaticallyAfterDays} days` : '');
  return [every, rules.duration && `window ${rules.duration}`].filter(Boolean).join(', ') || 'none';
}

/** Backslash-escapes Markdown syntax in metadata shown as Markdown (names, descriptions, tags). */
export const escapeMarkdown = (text: string) => text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');

export function secretTooltip(secret: SecretMetadata, now = new Date()): string {
  const m = secretMarkings(secret, now);
  const unread = unreadFor(secret, now);
  const rows: Array<[string, string]> = [
    ['ARN', secret.arn],
    ['Description', secret.description ?? '—'],
    ['KMS key', describeKey(secret.kmsKeyId)],
    [
      'Rotation',
      m.rotationEnabled ? `enabled${secret.rotationLambdaArn ? ` (${secret.rotationLambdaArn})` : ''}` : 'disabled',
    ],
    ['Schedule', describeSchedule(secret)],
    ['Last rotated', formatDateTime(secret.lastRotatedDate)],
    ['Next rotation', formatDateTime(secret.nextRotationDate)],
    ['Last changed', formatDateTime(secret.lastChangedDate)],
    ['Last accessed', formatDate(secret.lastAccessedDate)],
    ['Created', formatDateTime(secret.createdDate)],
    ['Tags', secret.tags.length ? secret.tags.map((t) => `${t.key}=${t.value}`).join(', ') : '—'],
  ];
  // Only DescribeSecret reports replicas: absent from a listing entry, an empty list once described with none.
  if (secret.replicationStatus) rows.splice(3, 0, ['Replicas', describeReplicas(secret.replicationStatus)]);
  if (m.scheduledForDeletion) rows.unshift(['Scheduled for deletion', formatDate(deletionDate(secret))]);
  if (m.stuckPending) rows.unshift(['Warning', 'an AWSPENDING version is left from a failed rotation']);
  if (m.cleanupCandidate && unread) {
    rows.unshift(['Cleanup candidate', `${describeUnread(unread)} (over ${cleanupAfterDays}); delete it if unused`]);
  }
  return [`**${escapeMarkdown(secret.name)}**`, '', ...rows.map(([k, v]) => `- ${k}: ${escapeMarkdown(v)}`)].join('\n');
}

export function versionLabel(version: SecretVersionEntry): string {
  return version.versionStages.length ? version.versionStages.join(', ') : 'deprecated';
}

export function versionDescription(version: SecretVersionEntry): string {
  return `${formatDateTime(version.createdDate)} · ${version.versionId.slice(0, 8)}`;
}

export function versionTooltip(version: SecretVersionEntry): string {
  const rows: Array<[string, string]> = [
    ['Version', version.versionId],
    ['Stages', version.versionStages.join(', ') || 'none (deprecated)'],
    ['Created', formatDateTime(version.createdDate)],
    ['Last accessed', formatDate(version.lastAccessedDate)],
  ];
  if (isStuckPending(version)) rows.unshift(['Warning', 'stuck AWSPENDING: finish or cancel the rotation']);
  return rows.map(([k, v]) => `- ${k}: ${escapeMarkdown(v)}`).join('\n');
}

/** Stages first in AWS's order, then newest first. */
export function sortVersions(versions: readonly SecretVersionEntry[]): SecretVersionEntry[] {
  const rank = (v: SecretVersionEntry) =>
    v.versionStages.includes(Stage.current)
      ? 0
      : v.versionStages.includes(Stage.pending)
        ? 1
        : v.versionStages.includes(Stage.previous)
          ? 2
          : v.versionStages.length
            ? 3
            : 4;
  return [...versions].sort((a, b) => rank(a) - rank(b) || b.createdDate.getTime() - a.createdDate.getTime());
}
