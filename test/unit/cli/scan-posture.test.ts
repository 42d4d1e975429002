// `secrets-workbench scan --posture`: the IaC least-privilege lint through the CLI, in every output format,
// with the scan's exit status (0 none, 1 findings, 2 could not run).
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runScanCli as scan } from '../../support/cli-run';

const template = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  DbSecret:
    Type: AWS::SecretsManager::Secret
  ReaderPolicy:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      PolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Action: secretsmanager:GetSecretValue
            Resource: "*"
`;

const terraform = `resource "aws_secretsmanager_secret" "db" {
  name = "prod/db"
}

resource "aws_secretsmanager_secret_rotation" "db" {
  secret_id           = aws_secretsmanager_secret.db.id
  rotation_lambda_arn = "arn:aws:lambda:eu-west-1:111122223333:function:rotate"
}

resource "aws_secretsmanager_secret_policy" "db" {
  secret_arn = aws_secretsmanager_secret.db.arn
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "secretsmanager:GetSecretValue"
      Resource  = "*"
    }]
  })
}
`;

const narrowPolicy = JSON.stringify(
  {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Action: 'secretsmanager:GetSecretValue',
        Resource: 'arn:aws:secretsmanager:eu-west-1:111122223333:secret:prod/db-AbCdEf',
      },
    ],
  },
  null,
  2,
);

interface SarifRule {
  id: string;
  help: { text: string };
  fullDescription: { text: string };
  defaultConfiguration: { level: string };
}
interface SarifLog {
  runs: { tool: { driver: { rules: SarifRule[] } }; results: SarifResult[] }[];
}
interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: { physicalLocation: { artifactLocation: { uri: string }; region: Record<string, number> } }[];
}

describe('secrets-workbench scan --posture', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'swb-posture-'));
    writeFileSync(join(dir, 'stack.yaml'), template);
    writeFileSync(join(dir, 'main.tf'), terraform);
    writeFileSync(join(dir, 'reader.policy.json'), narrowPolicy);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is off by default: IaC problems alone leave the exit status at 0 and the report without them', async () => {
    const result = await scan(['--format', 'json'], dir);
    assert.equal(result.code, 0);
    const report = JSON.parse(result.stdout) as Record<string, unknown>;
    assert.equal(report.posture, undefined);
    assert.equal((report.summary as Record<string, unknown>).postureFindings, undefined);
  });

  it('text: one line per finding with path, line, column, level, message and rule id; exit 1', async () => {
    const result = await scan(['--posture'], dir);
    assert.equal(result.code, 1);
    const lines = result.stdout.trim().split('\n');
    assert.deepEqual(lines.filter((l) => / {2}\[(iac|policy)-/.test(l)).sort(), [
      'main.tf:16:19  error  A wildcard principal without a restricting condition lets anyone with AWS ' +
        'credentials use this secret. Name the principals, or add a condition such as aws:PrincipalOrgID or ' +
        'aws:SourceAccount.  [policy-public-principal]',
      'stack.yaml:13:23  warning  This statement lets its holder read every secret in the account ' +
        '(GetSecretValue on Resource "*"). Name the secrets it needs.  [iac-secret-read-on-all-resources]',
      'stack.yaml:3:3  note  Secret DbSecret has no AWS::SecretsManager::RotationSchedule in this template. ' +
        'Add one so it rotates.  [iac-secret-without-rotation]',
    ]);
    assert.equal(lines.at(-1), '0 findings in 0 files (3 scanned, 0 skipped); 3 posture findings');
  });

  it('json: a posture list with rule ids, levels and ranges beside the credential findings', async () => {
    const result = await scan(['--posture', '--format', 'json'], dir);
    assert.equal(result.code, 1);
    const report = JSON.parse(result.stdout) as {
      summary: { findings: number; postureFindings: number };
      findings: unknown[];
      posture: { path: string; ruleId: string; level: string; range: { start: object; end: object } }[];
    };
    assert.deepEqual([report.summary.findings, report.summary.postureFindings, report.findings], [0, 3, []]);
    const read = report.posture.find((p) => p.ruleId === 'iac-secret-read-on-all-resources');
    assert.deepEqual(read && { path: read.path, level: read.level, range: read.range }, {
      path: 'stack.yaml',
      level: 'warning',
      range: {
        start: { line: 12, character: 22, offset: template.indexOf('"*"') },
        end: { line: 12, character: 25, offset: template.indexOf('"*"') + 3 },
      },
    });
    assert.deepEqual(report.posture.map((p) => `${p.path}:${p.ruleId}:${p.level}`).sort(), [
      'main.tf:policy-public-principal:error',
      'stack.yaml:iac-secret-read-on-all-resources:warning',
      'stack.yaml:iac-secret-without-rotation:note',
    ]);
  });

  it('sarif: results point at their rules, which carry help text and default levels', async () => {
    const result = await scan(['--posture', '--format', 'sarif'], dir);
    assert.equal(result.code, 1);
    const run = (JSON.parse(result.stdout) as SarifLog).runs[0]!;
    const rules = run.tool.driver.rules;
    for (const r of run.results) assert.equal(rules[r.ruleIndex]!.id, r.ruleId, 'ruleIndex names the rule');
    const rotation = rules.find((r) => r.id === 'iac-secret-without-rotation');
    assert.equal(rotation?.defaultConfiguration.level, 'note');
    assert.match(rotation!.help.text, /RotationSchedule.*See https:\/\/\S+\/docs\/posture\.md/);
    const publicPrincipal = run.results.find((r) => r.ruleId === 'policy-public-principal');
    assert.equal(publicPrincipal?.level, 'error');
    assert.deepEqual(publicPrincipal!.locations[0]!.physicalLocation, {
      artifactLocation: { uri: 'main.tf', uriBaseId: '%SRCROOT%' },
      region: { startLine: 16, startColumn: 19, endLine: 16, endColumn: 22 },
    });
    // without --posture the run describes credential rules only
    const plain = JSON.parse((await scan(['--format', 'sarif'], dir)).stdout) as SarifLog;
    assert.ok(plain.runs[0]!.tool.driver.rules.every((r) => !/^(iac|policy)-/.test(r.id)));
  });

  it("honours the project config's disabledRules for posture rules as for credential rules", async () => {
    const config = { disabledRules: ['iac-secret-without-rotation', 'policy-public-principal'] };
    writeFileSync(join(dir, '.secrets-workbench.json'), JSON.stringify(config));
    const result = await scan(['--posture', '--format', 'json'], dir);
    assert.equal(result.code, 1, result.stderr);
    const report = JSON.parse(result.stdout) as { posture: { ruleId: string }[] };
    assert.deepEqual(
      report.posture.map((p) => p.ruleId),
      ['iac-secret-read-on-all-resources'],
    );
    writeFileSync(join(dir, '.secrets-workbench.json'), JSON.stringify({ disabledRules: ['iac-no-such-rule'] }));
    const unknown = await scan(['--posture'], dir);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown rule id "iac-no-such-rule"/);
  });

  it('exits 0 when the IaC is least-privilege, and 2 when asked to lint the git history', async () => {
    rmSync(join(dir, 'stack.yaml'));
    writeFileSync(
      join(dir, 'main.tf'),
      terraform.replace('Principal = "*"', 'Principal = { AWS = "arn:aws:iam::111122223333:role/app" }'),
    );
    const clean = await scan(['--posture'], dir);
    assert.equal(clean.code, 0, clean.stdout);
    assert.match(clean.stdout, /; 0 posture findings\n$/);
    const history = await scan(['--posture', '--history'], dir);
    assert.equal(history.code, 2);
    assert.match(history.stderr, /--posture lints files, not the git history/);
  });
});
