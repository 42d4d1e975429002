// "Unused" as Secrets Manager users decide it: no read (DescribeSecret's LastAccessedDate, kept to the day) for
// 90 days, or never read since it was created that long ago. A secret already scheduled for deletion is not one.
import type { SecretMetadata } from '../store/types';

export const cleanupAfterDays = 90;
const dayMs = 86_400_000;

export interface Unread {
  /** Whole days since the last read, or since creation when never read. */
  days: number;
  neverRead: boolean;
}

/** How long the secret has gone unread, from metadata alone (no value, no log). */
export function unreadFor(
  secret: Pick<SecretMetadata, 'lastAccessedDate' | 'createdDate'>,
  now: Date,
): Unread | undefined {
  const since = secret.lastAccessedDate ?? secret.createdDate;
  if (!since) return undefined;
  return {
    days: Math.max(0, Math.floor((now.getTime() - since.getTime()) / dayMs)),
    neverRead: !secret.lastAccessedDate,
  };
}

/** Unread for at least `cleanupAfterDays` and not already on its way out: worth deleting (and paying less). */
export function isCleanupCandidate(
  secret: Pick<SecretMetadata, 'lastAccessedDate' | 'createdDate' | 'deletedDate'>,
  now: Date,
  afterDays = cleanupAfterDays,
): boolean {
  const unread = unreadFor(secret, now);
  return secret.deletedDate === undefined && unread !== undefined && unread.days >= afterDays;
}

/** One line for tooltips and reports, e.g. "not read for 120 days" / "never read, created 95 days ago". */
export function describeUnread(unread: Unread): string {
  return unread.neverRead ? `never read, created ${unread.days} days ago` : `not read for ${unread.days} days`;
}
