// #23 in a real VS Code: a CloudFormation template that lets a role read every secret gets a posture problem
// on the `"*"`, and the quick fix narrows Resource to the template's secret; the problem then goes away. A
// secret's resource policy opens as a JSON document with problems, and a save the store refuses (public or
// malformed) leaves the stored policy as it was. The store's ValidateResourcePolicy answer joins the problems
// without repeating a local one, and the contributed JSON schema checks and completes it.
import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { PostureCommands, QuickFixCommands } from '../../../src/vscode/constants';
import { PostureDiagnosticSource } from '../../../src/vscode/posture/posture-diagnostics';
import type { TestingApi } from '../../../src/vscode/test-api';
import { workspaceDir } from '../support';
import { extensionApi, waitFor } from './explorer-helpers';

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

const postureProblems = (uri: vscode.Uri) =>
  vscode.languages.getDiagnostics(uri).filter((d) => d.source === PostureDiagnosticSource);

describe('Secret posture diagnostics (real VS Code)', function () {
  this.timeout(60_000);
  let dir: string;
  let testing: TestingApi;

  before(async () => {
    ({ testing } = await extensionApi());
    dir = join(workspaceDir(), 'posture-it');
    mkdirSync(dir, { recursive: true });
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    rmSync(dir, { recursive: true, force: true });
  });

  it('flags GetSecretValue on "*" in a CloudFormation template and narrows it with the quick fix', async () => {
    const path = join(dir, 'stack.yaml');
    writeFileSync(path, template);
    const document = await vscode.workspace.openTextDocument(path);
    await vscode.window.showTextDocument(document);
    await waitFor('the posture problems', () => postureProblems(document.uri).length === 2);
    const problems = postureProblems(document.uri);
    const read = problems.find((d) => d.code === 'iac-secret-read-on-all-resources');
    assert.ok(read, 'the read-everything problem');
    assert.equal(document.getText(read.range), '"*"');
    assert.equal(read.severity, vscode.DiagnosticSeverity.Warning);
    const rotation = problems.find((d) => d.code === 'iac-secret-without-rotation');
    assert.equal(rotation && document.getText(rotation.range), 'DbSecret');
    assert.equal(rotation?.severity, vscode.DiagnosticSeverity.Information);

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      document.uri,
      read.range,
    );
    const narrow = actions.find((a) => a.title === 'Narrow Resource to DbSecret');
    assert.ok(narrow?.edit, `the narrowing fix among ${actions.map((a) => a.title).join(', ')}`);
    assert.ok(await vscode.workspace.applyEdit(narrow.edit));
    assert.match(document.getText(), /Resource: !Ref DbSecret\n/);
    await waitFor('the read-everything problem gone', () =>
      postureProblems(document.uri).every((d) => d.code !== 'iac-secret-read-on-all-resources'),
    );
    assert.equal(postureProblems(document.uri).length, 1, 'the rotation note stays');
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('reports nothing when secretsWorkbench.posture.enabled is off', async () => {
    const config = vscode.workspace.getConfiguration('secretsWorkbench');
    await config.update('posture.enabled', false, vscode.ConfigurationTarget.Workspace);
    try {
      const path = join(dir, 'off.yaml');
      writeFileSync(path, template);
      const document = await vscode.workspace.openTextDocument(path);
      await vscode.window.showTextDocument(document);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      assert.deepEqual(postureProblems(document.uri), []);
      // turned back on, the same open document gets its problems: the setting was what kept them away
      await config.update('posture.enabled', undefined, vscode.ConfigurationTarget.Workspace);
      await waitFor('the problems back', () => postureProblems(document.uri).length === 2);
    } finally {
      await config.update('posture.enabled', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it("leaves out the posture rules the project config's disabledRules names, and brings them back", async () => {
    const configFile = join(workspaceDir(), '.secrets-workbench.json');
    const before = existsSync(configFile) ? readFileSync(configFile, 'utf8') : undefined;
    const config = JSON.parse(before ?? '{}') as { disabledRules?: string[] };
    const withRule = { ...config, disabledRules: [...(config.disabledRules ?? []), 'iac-secret-without-rotation'] };
    const path = join(dir, 'disabled.yaml');
    writeFileSync(path, template);
    const document = await vscode.workspace.openTextDocument(path);
    await vscode.window.showTextDocument(document);
    await waitFor('both problems', () => postureProblems(document.uri).length === 2);
    try {
      writeFileSync(configFile, JSON.stringify(withRule, null, 2));
      await waitFor('the rotation note gone', () =>
        postureProblems(document.uri).every((d) => d.code !== 'iac-secret-without-rotation'),
      );
      assert.deepEqual(
        postureProblems(document.uri).map((d) => d.code),
        ['iac-secret-read-on-all-resources'],
      );
    } finally {
      if (before === undefined) rmSync(configFile, { force: true });
      else writeFileSync(configFile, before);
    }
    await waitFor('the rotation note back', () => postureProblems(document.uri).length === 2);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('Scan Workspace reports posture problems in files that are not open, and only while posture is on', async () => {
    const path = join(dir, 'unopened', 'stack.yaml');
    mkdirSync(join(dir, 'unopened'), { recursive: true });
    writeFileSync(path, template);
    const uri = vscode.Uri.file(path);
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString()), 'not open');
    const scan = () =>
      vscode.commands.executeCommand<{ message: string; cancelled: boolean }>(QuickFixCommands.scanWorkspace);
    const outcome = await scan();
    assert.equal(outcome.cancelled, false);
    assert.deepEqual(
      postureProblems(uri)
        .map((d) => [d.code, d.range.start.line, d.severity])
        .sort(),
      [
        ['iac-secret-read-on-all-resources', 12, vscode.DiagnosticSeverity.Warning],
        ['iac-secret-without-rotation', 2, vscode.DiagnosticSeverity.Information],
      ],
    );
    assert.match(outcome.message, /; \d+ access problems? in IaC/);
    const config = vscode.workspace.getConfiguration('secretsWorkbench');
    await config.update('posture.enabled', false, vscode.ConfigurationTarget.Workspace);
    try {
      await waitFor('the scanned problems cleared', () => postureProblems(uri).length === 0);
      await scan();
      assert.deepEqual(postureProblems(uri), [], 'a scan with posture off reports none');
    } finally {
      await config.update('posture.enabled', undefined, vscode.ConfigurationTarget.Workspace);
    }
    rmSync(join(dir, 'unopened'), { recursive: true, force: true });
    await scan();
    assert.deepEqual(postureProblems(uri), [], 'a deleted file keeps no problems after the next scan');
  });

  it('opens a secret policy as JSON with problems; a refused save keeps the stored policy', async () => {
    const store = await testing.connections.getStore('local');
    const name = `posture/policy-${Date.now()}`;
    await store.createSecret({ name, secretString: randomBytes(18).toString('base64url') });
    const { arn } = await store.describeSecret(name);
    const account = /:(\d{12}):/.exec(arn)?.[1] ?? '000000000000';
    const stored = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${account}:role/app` },
          Action: 'secretsmanager:GetSecretValue',
          Resource: '*',
        },
      ],
    });
    await store.putResourcePolicy({ secretId: name, resourcePolicy: stored });
    const node = { kind: 'secret', connectionId: 'local', secret: await store.describeSecret(name) };
    const uri = await vscode.commands.executeCommand<vscode.Uri>(PostureCommands.editResourcePolicy, node);
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    assert.ok(document, 'the policy document is open');
    assert.equal(document.languageId, 'json');
    assert.deepEqual(JSON.parse(document.getText()), JSON.parse(stored));
    const replaceAll = async (text: string) => {
      const edit = new vscode.WorkspaceEdit();
      edit.replace(uri, new vscode.Range(0, 0, document.lineCount, 0), text);
      assert.ok(await vscode.workspace.applyEdit(edit));
    };
    /**
     * Resolves once the store's ValidateResourcePolicy answer for `text` has been applied (an answer is applied
     * only while the document still holds the text it was asked about, so an earlier answer cannot pass).
     */
    const storeValidated = (text: string) =>
      new Promise<void>((resolve) => {
        const subscription = testing.posture.onDidValidate((validated) => {
          if (validated.toString() !== uri.toString() || document.getText() !== text) return;
          subscription.dispose();
          resolve();
        });
      });
    try {
      const publicPolicy = stored.replace(`{"AWS":"arn:aws:iam::${account}:role/app"}`, '"*"');
      let validated = storeValidated(publicPolicy); // the store is asked a while after the local lint
      await replaceAll(publicPolicy);
      await waitFor('the public-principal problem', () =>
        postureProblems(uri).some((d) => d.code === 'policy-public-principal'),
      );
      // the store's BROAD_ACCESS says what the local rule says: one problem, not two
      await validated;
      assert.deepEqual(
        postureProblems(uri).map((d) => d.code),
        ['policy-public-principal'],
      );
      assert.equal(await document.save(), false, 'the store refuses a public policy');
      assert.equal((await store.getResourcePolicy(name)).resourcePolicy, stored);

      const maybe = stored.replace('"Allow"', '"Maybe"');
      validated = storeValidated(maybe);
      await replaceAll(maybe);
      await validated;
      assert.deepEqual(
        postureProblems(uri).map((d) => d.code),
        ['policy-syntax'],
      );
      // the contributed schema (package.json jsonValidation) is applied by VS Code's JSON language features
      await waitFor(
        'the schema problem on Effect',
        () =>
          vscode.languages
            .getDiagnostics(uri)
            .some(
              (d) =>
                d.source !== PostureDiagnosticSource &&
                /Valid values: "Allow", "Deny"/.test(d.message) &&
                document.getText(d.range) === '"Maybe"',
            ),
        15_000,
        () => vscode.languages.getDiagnostics(uri).map((d) => [d.source, d.message, document.getText(d.range)]),
      );
      // and it completes: the Effect values, from the schema
      const completions = await vscode.commands.executeCommand<vscode.CompletionList>(
        'vscode.executeCompletionItemProvider',
        uri,
        document.positionAt(document.getText().indexOf('"Maybe"') + 1),
      );
      const labels = completions.items.map((item) => (typeof item.label === 'string' ? item.label : item.label.label));
      assert.ok(labels.includes('"Allow"') && labels.includes('"Deny"'), labels.join(', '));
      // the save path (writeFile, what VS Code's save calls): a clear reason, and the stored policy unchanged
      await assert.rejects(
        testing.policyDocuments.writeFile(uri, new TextEncoder().encode(maybe)),
        /The resource policy was not saved\. MalformedPolicyDocumentException: .*Effect must be Allow or Deny/,
      );
      assert.equal((await store.getResourcePolicy(name)).resourcePolicy, stored);

      await replaceAll('{ "Statement": [ { "Effect": "Allow" ');
      await waitFor('the malformed-policy problem', () => postureProblems(uri).some((d) => d.code === 'policy-syntax'));
      assert.equal(await document.save(), false, 'the store refuses a malformed policy');
      assert.equal((await store.getResourcePolicy(name)).resourcePolicy, stored);

      const narrowed = stored.replace('role/app', 'role/reader');
      await replaceAll(narrowed);
      await waitFor('no problems', () => postureProblems(uri).length === 0);
      assert.equal(await document.save(), true);
      assert.equal((await store.getResourcePolicy(name)).resourcePolicy, narrowed);
    } finally {
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      await store.deleteSecret({ secretId: name, forceDeleteWithoutRecovery: true });
    }
  });

  it('Rotation Health on a connection opens a report listing each secret and its state', async () => {
    const store = await testing.connections.getStore('local');
    const name = `posture/plain-${Date.now()}`;
    await store.createSecret({ name, secretString: randomBytes(18).toString('base64url') });
    try {
      const connection = testing.connections.get('local');
      const uri = await vscode.commands.executeCommand<vscode.Uri>(PostureCommands.rotationHealthReport, {
        kind: 'connection',
        connection,
      });
      const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
      assert.ok(document, 'the report is open');
      const text = document.getText();
      assert.match(text, /^# Rotation health: /);
      assert.match(text, new RegExp(`\\| ${name} \\| Never rotated \\|`));
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    } finally {
      await store.deleteSecret({ secretId: name, forceDeleteWithoutRecovery: true });
    }
  });
});
