// #23 in a real VS Code: a CloudFormation template that lets a role read every secret gets a posture problem
// on the `"*"`, and the quick fix narrows Resource to the template's secret; the problem then goes away.
import { strict as assert } from 'node:assert';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { PostureDiagnosticSource } from '../../../src/vscode/posture/posture-diagnostics';
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

  before(async () => {
    await extensionApi();
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
});
