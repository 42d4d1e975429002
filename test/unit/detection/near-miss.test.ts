// A value assigned to a credential name that starts with a provider's distinctive prefix but does not have its
// format (issue #18: "a near-miss is not a match for a provider rule") is not reported: it is dropped with a reason
// (scan --verbose), not left to the generic rules as a warning.
import { strict as assert } from 'node:assert';
import { scanText } from '../../../src/core/detection/index';
import { tokenRules } from '../../../src/core/detection/providers/tokens';
import { nearMissOf } from '../../../src/core/detection/near-miss';
import { sampleValue, Synthetic } from '../../support/synthetic';

const findingsOf = (line: string) => scanText(line, { path: 'settings.ts' }).findings;

describe('near-misses of provider formats', () => {
  const gen = new Synthetic(44);

  it('a GitHub-prefixed value one character short is dropped with a reason that names the format, not the value', () => {
    const value = `ghp_${gen.mixed(35)}`;
    const result = scanText(`const github_token = "${value}";`, { path: 'settings.ts' });
    assert.deepEqual(result.findings, []);
    assert.deepEqual(result.dropped, [
      {
        ruleId: 'generic-token',
        line: 0,
        reason: 'starts like a GitHub token but does not have its format: likely truncated or a placeholder',
      },
    ]);
  });

  it('its twins: the full format is the provider rule, and an unprefixed random value stays a warning', () => {
    const valid = sampleValue(['sk_live_', ['alnum', 24]], gen);
    assert.deepEqual(
      findingsOf(`stripe_key = "${valid}"`).map((f) => [f.ruleId, f.level]),
      [['stripe-secret-key', 'error']],
    );
    const plain = findingsOf(`stripe_key = "${gen.mixed(30)}"`);
    assert.deepEqual(
      plain.map((f) => [f.ruleId, f.level]),
      [['generic-api-key', 'warning']],
    );
  });

  it('every prefix rule: its sample cut short is no generic finding, and most are dropped as near-misses', () => {
    let drops = 0;
    let variableLength = 0;
    for (const rule of tokenRules) {
      const value = sampleValue(rule.sample, gen, { checksum: rule.checksum });
      if (!nearMissOf(value.slice(0, -2)) && !nearMissOf(value)) continue; // no distinctive prefix
      const cut = value.slice(0, -2);
      const { findings, dropped = [] } = scanText(`const api_token = "${cut}";`, { path: 'settings.ts' });
      if (findings.some((f) => f.ruleId === rule.id)) {
        variableLength++; // the format allows the shorter length: not a near-miss
        continue;
      }
      assert.deepEqual(
        findings.filter((f) => f.ruleId.startsWith('generic-')).map((f) => f.title),
        [],
        `${rule.id}: a generic finding on its near-miss`,
      );
      if (dropped.some((d) => d.reason.includes('does not have its format'))) drops++;
    }
    assert.ok(drops >= 60, `${drops} near-misses dropped (${variableLength} formats allow the cut length)`);
  });

  it('names no near-miss for values without a distinctive prefix, or with one in the middle', () => {
    assert.equal(nearMissOf(gen.mixed(40)), undefined);
    assert.equal(nearMissOf(`x${'ghp_'}${gen.mixed(36)}`), undefined);
    assert.equal(nearMissOf(`secret_${gen.mixed(20)}`), undefined, 'a word-like prefix says nothing');
    assert.equal(nearMissOf(`ghp_${gen.mixed(20)}`)?.id, 'github-token');
  });
});
