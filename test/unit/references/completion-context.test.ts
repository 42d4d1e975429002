import { strict as assert } from 'node:assert';
import { completionContextAt, type CompletionContext } from '../../../src/core/references/completion-context';

/** The context at the `|` in `source` (the bar is removed first). */
function at(source: string, languageId?: string): (CompletionContext & { replaced: string }) | undefined {
  const offset = source.indexOf('|');
  const text = source.slice(0, offset) + source.slice(offset + 1);
  const context = completionContextAt(text, offset, languageId);
  return context && { ...context, replaced: text.slice(context.start, context.end) };
}

describe('completion context for secret references', () => {
  it('finds the name argument of the generated helper calls in each language', () => {
    const cases: [string, string][] = [
      ["const key = await getSecret('app/d|');", 'typescript'],
      ['const key = await getSecret("app/d|", "token");', 'javascript'],
      ['key = get_secret("app/d|")', 'python'],
      ['var key = getSecret("app/d|", "")', 'go'],
      ['String key = SecretsHelper.getSecret("app/d|");', 'java'],
      ['var key = SecretsHelper.GetSecret("app/d|", "token");', 'csharp'],
      ['const key = await getSecret(`app/d|`);', 'typescript'],
    ];
    for (const [source, language] of cases) {
      const context = at(source, language);
      assert.equal(context?.kind, 'name', source);
      assert.equal(context.prefix, 'app/d', source);
      assert.equal(context.replaced, 'app/d', source);
    }
  });

  it('replaces the whole name when the cursor is in its middle', () => {
    const context = at("await getSecret('app/|db-old', 'token')", 'typescript');
    assert.deepEqual(context && { kind: context.kind, prefix: context.prefix, replaced: context.replaced }, {
      kind: 'name',
      prefix: 'app/',
      replaced: 'app/db-old',
    });
  });

  it('finds an empty name argument right after the opening quote, also on the next line', () => {
    assert.equal(at("getSecret('|')", 'typescript')?.prefix, '');
    assert.equal(at("get_secret(\n    '|'\n)", 'python')?.kind, 'name');
  });

  it('finds SDK SecretId literals', () => {
    const cases: [string, string][] = [
      ["client.send(new GetSecretValueCommand({ SecretId: 'pay|' }))", 'typescript'],
      ["client.get_secret_value(SecretId='pay|')", 'python'],
      ['GetSecretValueInput{SecretId: aws.String("pay|")}', 'go'],
      ['new GetSecretValueRequest { SecretId = "pay|" }', 'csharp'],
      ['GetSecretValueRequest.builder().secretId("pay|").build()', 'java'],
    ];
    for (const [source, language] of cases) assert.equal(at(source, language)?.prefix, 'pay', source);
  });

  it('finds the JSON-key argument after a literal name, naming the secret', () => {
    const cases: [string, string][] = [
      ["await getSecret('app/db', 'pa|')", 'typescript'],
      ['get_secret("app/db", "pa|")', 'python'],
      ['getSecret("app/db", "pa|")', 'go'],
      ['SecretsHelper.getSecret("app/db", "pa|")', 'java'],
      ['SecretsHelper.GetSecret("app/db", "pa|")', 'csharp'],
    ];
    for (const [source, language] of cases) {
      const context = at(source, language);
      assert.equal(context?.kind, 'jsonKey', source);
      assert.equal(context.secretId, 'app/db', source);
      assert.equal(context.prefix, 'pa', source);
    }
  });

  it('finds CloudFormation dynamic references: the name, then the key after SecretString', () => {
    const yaml = 'MasterUserPassword: "{{resolve:secretsmanager:prod/d|}}"';
    assert.deepEqual((({ kind, prefix, replaced }) => ({ kind, prefix, replaced }))(at(yaml, 'yaml')!), {
      kind: 'name',
      prefix: 'prod/d',
      replaced: 'prod/d',
    });
    const key = at('"Password": "{{resolve:secretsmanager:prod/db:SecretString:pass|word}}"', 'json');
    assert.equal(key?.kind, 'jsonKey');
    assert.equal(key.secretId, 'prod/db');
    assert.equal(key.prefix, 'pass');
    assert.equal(key.replaced, 'password');
    const arn = at(
      '{{resolve:secretsmanager:arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-AbCdEf:SecretString:|}}',
      'yaml',
    );
    assert.equal(
      arn?.kind === 'jsonKey' && arn.secretId,
      'arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/db-AbCdEf',
    );
  });

  it('offers nothing outside an argument', () => {
    const none = [
      ["await getSecret('app/db')|", 'typescript'],
      ["await getSecret('app/db'|)", 'typescript'],
      ["await getSecret(|'app/db')", 'typescript'],
      ["await getSecret(name, '|')", 'typescript'],
      ["await getSecret('app/db', key|)", 'typescript'],
      ["await fetchSecret('|')", 'typescript'],
      ["const greeting = 'hello |';", 'typescript'],
      ["getSecret('app/db') + other('|')", 'typescript'],
      ['{{resolve:ssm:param|}}', 'yaml'],
    ];
    for (const [source, language] of none) assert.equal(at(source, language), undefined, source);
  });

  it('reads helper and SDK calls only in code languages, dynamic references everywhere', () => {
    assert.equal(at("getSecret('app|')", 'markdown'), undefined);
    assert.equal(at("getSecret('app|')", 'yaml'), undefined);
    assert.equal(at('{{resolve:secretsmanager:app|}}', 'plaintext')?.prefix, 'app');
    assert.equal(at("getSecret('app|')")?.prefix, 'app', 'no language: every pattern');
  });

  it('does not look further back than a few lines', () => {
    const source = `getSecret('${'x'.repeat(1000)}|')`;
    assert.equal(at(source, 'typescript'), undefined);
  });
});
