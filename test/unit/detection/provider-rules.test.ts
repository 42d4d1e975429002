// Every provider rule, from its data entry alone: a synthetic value of the documented shape is found (an error,
// or the rule's level), its near-miss twin (the longest random part cut in half) and a placeholder are not.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { rulesMarkdown } from '../../../scripts/rules-doc';
import { jsonKeysFor, suggestSecretName } from '../../../src/core/fixes/index';
import { scanText } from '../../../src/core/detection/index';
import { providerRuleData, type ProviderRuleData } from '../../../src/core/detection/rules';
import { sampleValue, Synthetic } from '../../support/synthetic';

function lineFor(rule: ProviderRuleData, value: string): string {
  // vendor rules need the vendor's name before the value; the others stand alone in a literal
  return rule.vendors ? `config["${rule.vendors[0]}"] = "${value}";` : `const value = "${value}";`;
}

function ruleIdsIn(text: string, path = 'settings.ts'): string[] {
  return scanText(text, { path }).findings.map((f) => f.ruleId);
}

describe('provider rules as data', () => {
  const gen = new Synthetic(18);

  it('are many, unique, documented and each carries a suggested secret name and key', () => {
    assert.ok(providerRuleData.length >= 60, `${providerRuleData.length} provider rules`);
    const ids = providerRuleData.map((r) => r.id);
    assert.equal(new Set(ids).size, ids.length);
    for (const rule of providerRuleData) {
      assert.match(rule.id, /^[a-z0-9]+(?:-[a-z0-9]+)*$/, rule.id);
      assert.match(rule.docs, /^https:\/\//, `${rule.id} docs`);
      assert.ok(rule.secret.name && rule.secret.key, `${rule.id} secret`);
      assert.ok(rule.keywords.length, `${rule.id} keywords`);
    }
  });

  for (const rule of providerRuleData) {
    describe(rule.id, () => {
      it('finds a synthetic value of its documented shape, with its signals', () => {
        const value = sampleValue(rule.sample, gen, { checksum: rule.checksum });
        const text = lineFor(rule, value);
        const finding = scanText(text, { path: 'settings.ts' }).findings.find((f) => f.ruleId === rule.id);
        assert.ok(finding, `${rule.id} missed its sample (found: ${ruleIdsIn(text).join(', ') || 'nothing'})`);
        assert.equal(finding.level, rule.level ?? 'error');
        assert.ok(finding.confidence >= 0.5);
        assert.equal(finding.signals.fileKind, 'code');
        if (rule.checksum) assert.equal(finding.signals.checksum, 'valid');
        if (rule.vendors) assert.equal(finding.signals.vendor, rule.vendors[0]);
        const prefix = rule.keywords.find((k) => value.startsWith(k));
        if (prefix && !rule.vendors && rule.boundaries !== false) assert.equal(finding.signals.prefix, prefix);
      });

      it('ignores its near-miss twin (wrong length) and a placeholder', () => {
        const twin = rule.nearMiss
          ? sampleValue(rule.nearMiss, gen)
          : sampleValue(rule.sample, gen, { checksum: rule.checksum, cut: true });
        assert.ok(!ruleIdsIn(lineFor(rule, twin)).includes(rule.id), `${rule.id} fired on ${twin.length} chars`);
        const placeholder = sampleValue(rule.sample, gen, { placeholder: true });
        assert.ok(!ruleIdsIn(lineFor(rule, placeholder)).includes(rule.id), `${rule.id} fired on a placeholder`);
      });

      if (rule.checksum) {
        it('reports a value whose checksum does not verify as a warning that says why', () => {
          const value = sampleValue(rule.sample, gen, { checksum: rule.checksum });
          const last = value.at(-1) === 'Q' || value.at(-1) === 'q' ? 'P' : 'Q';
          const broken =
            value.slice(0, -1) + (value.at(-1) === value.at(-1)!.toLowerCase() ? last.toLowerCase() : last);
          const finding = scanText(lineFor(rule, broken), { path: 'a.ts' }).findings.find((f) => f.ruleId === rule.id);
          assert.ok(finding, 'dropped in silence');
          assert.equal(finding.level, 'warning');
          assert.equal(finding.signals.checksum, 'invalid');
          assert.match(finding.title, new RegExp(`shape of an? ${rule.kind} but its checksum does not verify`));
        });
      }
    });
  }
});

describe('suggested secret name and key from the rule data', () => {
  it('names a value without a variable after its rule (quick fix)', () => {
    const finding = {
      id: 'f1',
      ruleId: 'github-token',
      kind: 'GitHub token',
      construct: 'string-literal',
      range: { start: { line: 0, character: 0, offset: 0 }, end: { line: 0, character: 1, offset: 1 } },
    };
    assert.equal(
      suggestSecretName({ path: 'src/a.ts', workspaceName: 'shop', findings: [finding] }),
      'shop/dev/github-token',
    );
    assert.equal(jsonKeysFor([finding]).get('f1'), 'GITHUB_TOKEN');
  });
});

describe('docs/rules.md', () => {
  it('is generated from the rule data (run `npm run docs:rules` after changing a rule)', async function () {
    this.timeout(20_000);
    const prettier = await import('prettier');
    const options = (await prettier.resolveConfig('docs/rules.md')) ?? {};
    const expected = await prettier.format(rulesMarkdown(), { ...options, filepath: 'docs/rules.md' });
    assert.equal(readFileSync('docs/rules.md', 'utf8'), expected);
  });
});
