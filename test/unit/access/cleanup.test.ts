import { strict as assert } from 'node:assert';
import { isCleanupCandidate, unreadFor } from '../../../src/core/access';

describe('cleanup candidates (unread for 90 days)', () => {
  const now = new Date('2026-06-01T12:00:00Z');
  const daysAgo = (n: number) => new Date(now.getTime() - n * 86_400_000);

  it('counts from the last read, else from creation, and draws the line at 90 whole days', () => {
    assert.deepEqual(unreadFor({ createdDate: daysAgo(200), lastAccessedDate: daysAgo(90) }, now), {
      days: 90,
      neverRead: false,
    });
    assert.deepEqual(unreadFor({ createdDate: daysAgo(95) }, now), { days: 95, neverRead: true });
    assert.equal(isCleanupCandidate({ createdDate: daysAgo(200), lastAccessedDate: daysAgo(90) }, now), true);
    assert.equal(isCleanupCandidate({ createdDate: daysAgo(200), lastAccessedDate: daysAgo(89) }, now), false);
    assert.equal(isCleanupCandidate({ createdDate: daysAgo(89) }, now), false, 'too young to judge');
    assert.equal(isCleanupCandidate({ createdDate: daysAgo(91) }, now), true);
  });

  it('leaves out a secret already scheduled for deletion', () => {
    assert.equal(isCleanupCandidate({ createdDate: daysAgo(400), deletedDate: daysAgo(1) }, now), false);
  });
});
