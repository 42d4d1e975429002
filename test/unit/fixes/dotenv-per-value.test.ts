// The .env fix (issue #16, rough edge): several credentials of one block move as one JSON secret or, on
// request, one secret per value; either way each line becomes a one-line comment naming its secret (no link
// into a docs folder the user's project does not have) and the env map points each variable at its secret.
import assert from 'node:assert/strict';
import { scanText } from '../../../src/core/detection/index';
import {
  applyEdits,
  planFix,
  relatedGroup,
  secretsToStore,
  separateTargets,
  suggestSecretName,
  targetsFor,
} from '../../../src/core/fixes/index';
import { Synthetic } from '../../support/synthetic';

const synthetic = new Synthetic(1616);
const password = synthetic.password();
const apiKey = synthetic.apiKey();
const input = `APP_NAME=billing\nDB_PASSWORD=${password}\nMAIL_API_KEY=${apiKey}\n\nLOG_LEVEL=info\n`;

function group() {
  const findings = scanText(input, { path: '.env' }).findings;
  assert.deepEqual(
    findings.map((finding) => finding.name),
    ['DB_PASSWORD', 'MAIL_API_KEY'],
  );
  return relatedGroup(input, findings, findings[0]);
}

describe('fix generators: a .env with several credentials', () => {
  it('one secret per value: each variable gets its own secret, its own comment and env-map entry', () => {
    const members = group();
    const names = members.map((finding) =>
      suggestSecretName({ workspaceName: 'billing', path: '.env', findings: [finding] }),
    );
    assert.deepEqual(names, ['billing/dev/db-password', 'billing/dev/mail-api-key']);
    const targets = separateTargets(members, names);
    const plan = planFix({ text: input, path: '.env', targets, secretName: names[0] });
    assert.equal(plan.blocked, undefined);
    assert.equal(
      applyEdits(input, plan.edits),
      [
        'APP_NAME=billing',
        '# DB_PASSWORD comes from secret billing/dev/db-password (env map in .secrets-workbench.json): run with `secrets-workbench run -- <command>`.',
        '# MAIL_API_KEY comes from secret billing/dev/mail-api-key (env map in .secrets-workbench.json): run with `secrets-workbench run -- <command>`.',
        '',
        'LOG_LEVEL=info',
        '',
      ].join('\n'),
    );
    assert.deepEqual(plan.env, { DB_PASSWORD: 'billing/dev/db-password', MAIL_API_KEY: 'billing/dev/mail-api-key' });
    assert.deepEqual(secretsToStore(input, targets, names[0], plan.language), [
      { name: 'billing/dev/db-password', secretString: password },
      { name: 'billing/dev/mail-api-key', secretString: apiKey },
    ]);
    assert.match(plan.notes.join(' '), /come from billing\/dev\/db-password, billing\/dev\/mail-api-key:/);
  });

  it('one JSON secret: the variables point at its keys, and one value is stored', () => {
    const members = group();
    const secretName = suggestSecretName({ workspaceName: 'billing', path: '.env', findings: members });
    const targets = targetsFor(members);
    const plan = planFix({ text: input, path: '.env', targets, secretName });
    assert.deepEqual(plan.env, {
      DB_PASSWORD: `${secretName}#DB_PASSWORD`,
      MAIL_API_KEY: `${secretName}#MAIL_API_KEY`,
    });
    const stored = secretsToStore(input, targets, secretName, plan.language);
    assert.equal(stored.length, 1);
    assert.deepEqual(JSON.parse(stored[0].secretString), { DB_PASSWORD: password, MAIL_API_KEY: apiKey });
  });

  it('its comments are one line each and link nowhere into the project', () => {
    const members = group();
    const plan = planFix({ text: input, path: '.env', targets: targetsFor(members), secretName: 'billing/dev/x' });
    const fixed = applyEdits(input, plan.edits);
    const comments = fixed.split('\n').filter((line) => line.startsWith('#'));
    assert.equal(comments.length, 2);
    for (const comment of comments) assert.doesNotMatch(comment, /docs\/|\.md\b|https?:/);
    assert.ok(!fixed.includes(password) && !fixed.includes(apiKey));
  });

  it('is a .env fix only: code reads one secret, so per-value targets elsewhere are a programming error', () => {
    const text = `const dbPassword = '${password}';\n`;
    const [finding] = scanText(text, { path: 'a.ts' }).findings;
    assert.throws(
      () => planFix({ text, path: 'a.ts', targets: separateTargets([finding], ['a/dev/x']), secretName: 'a/dev/x' }),
      /\.env fix/,
    );
  });
});
