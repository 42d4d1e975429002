// The secrets the fixture workspace (test/fixtures/offline/workspace) references, for the acceptance tests in
// plain Node and inside VS Code. Values are random at run time; JSON where the code reads a key.
import { randomBytes } from 'node:crypto';
import type { SecretStore } from '../../../src/core/store/index';

export const syntheticValue = () => `sv-${randomBytes(18).toString('base64url')}`;

/** The 12 referenced secrets that exist in "AWS", with the JSON keys the code reads. */
export const fixtureSecrets: Record<string, string[] | undefined> = {
  'app/db-password': undefined,
  'app/api-key': ['token'],
  'payments/stripe': ['secretKey'],
  'app/jwt-signing': undefined,
  'worker/queue-token': undefined,
  'worker/smtp': ['password'],
  'shared/sentry-dsn': undefined,
  'analytics/warehouse': ['url'],
  'rds/master': ['username', 'password'],
  'cache/redis-auth': undefined,
  'prod/oauth-app': ['clientSecret'],
  'search/opensearch-admin': ['password'],
};

/** The 13th reference: not in "AWS", so Prepare for Offline must report it. */
export const missingFixtureSecret = 'legacy/decommissioned-token';

export async function seedFixtureSecrets(store: SecretStore): Promise<Map<string, string>> {
  const values = new Map<string, string>();
  for (const [name, keys] of Object.entries(fixtureSecrets)) {
    const secretString = keys
      ? JSON.stringify(Object.fromEntries(keys.map((k) => [k, syntheticValue()])))
      : syntheticValue();
    await store.createSecret({ name, secretString });
    values.set(name, secretString);
  }
  return values;
}
