// #20: the manifest declares what Restricted Mode may do (limited support), restricts every setting that can send
// data elsewhere or run code, and keeps security-relevant settings out of a workspace's reach (scopes, floors).
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';

interface SettingSchema {
  scope?: string;
  minimum?: number;
  default?: unknown;
}
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as {
  capabilities?: {
    untrustedWorkspaces?: { supported: unknown; description?: string; restrictedConfigurations?: string[] };
  };
  contributes: { configuration: { properties: Record<string, SettingSchema> } };
};
const settings = pkg.contributes.configuration.properties;
const key = (name: string) => `secretsWorkbench.${name}`;

/** Settings that send data elsewhere (connections, endpoints, where the vault is) or put code in files (templates). */
const sendsDataOrRunsCode = ['connections', 'verification.endpoints', 'localVault.path', 'quickFix.templates'];
/** Settings that decide how strong or how exposed a secret is. */
const securityRelevant = [
  'clipboard.clearAfterSeconds',
  ...Object.keys(settings)
    .filter((k) => k.startsWith(key('passwordRules.')))
    .map((k) => k.slice(key('').length)),
];

describe('manifest: workspace trust and setting scopes (#20)', () => {
  it('supports untrusted workspaces in a limited way, with a description of what waits for trust', () => {
    const trust = pkg.capabilities?.untrustedWorkspaces;
    assert.ok(trust, 'capabilities.untrustedWorkspaces is declared');
    assert.equal(trust.supported, 'limited');
    assert.match(trust.description ?? '', /detected/);
    assert.match(trust.description ?? '', /wait until the workspace is trusted/);
  });

  it('restricts every setting that can send data elsewhere or run code, and the security-relevant ones', () => {
    const restricted = new Set(pkg.capabilities?.untrustedWorkspaces?.restrictedConfigurations ?? []);
    for (const name of [...sendsDataOrRunsCode, ...securityRelevant]) assert.ok(restricted.has(key(name)), name);
    for (const name of restricted) assert.ok(settings[name], `${name} is a declared setting`);
    // No setting whose name says it points somewhere or holds code is left out.
    for (const name of Object.keys(settings).filter((k) => /connection|endpoint|url|path|template|command/i.test(k)))
      assert.ok(restricted.has(name), `${name} is restricted`);
  });

  it('connection and endpoint settings are application or machine scoped; the vault path is machine scoped', () => {
    for (const name of ['connections', 'verification.endpoints'])
      assert.ok(['application', 'machine'].includes(settings[key(name)].scope ?? ''), name);
    assert.equal(settings[key('localVault.path')].scope, 'machine');
  });

  it('password rules and clipboard clearing are user settings (application scope) with documented floors', () => {
    for (const name of securityRelevant) assert.equal(settings[key(name)].scope, 'application', name);
    assert.equal(settings[key('passwordRules.length')].minimum, 16);
    assert.ok((settings[key('clipboard.clearAfterSeconds')].minimum ?? 0) > 0);
  });
});
