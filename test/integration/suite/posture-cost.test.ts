// Cost lens (#23) in a real VS Code: a folder of the local vault with known secrets shows its monthly cost in
// the Secrets view, and Cost Estimate on it opens a report with the totals: secrets billed, the one scheduled
// for deletion not billed, no cleanup candidate among secrets created today. Named to run after the explorer suite (files
// run in name order), which expects no vault at first.
import { strict as assert } from 'node:assert';
import * as vscode from 'vscode';
import { PostureCommands } from '../../../src/vscode/constants';
import type { TestingApi } from '../../../src/vscode/test-api';
import type { ExplorerNode } from '../../../src/vscode/tree/nodes';
import { children, extensionApi, syntheticValue, usedValues } from './explorer-helpers';

describe('Cost Estimate (real VS Code)', function () {
  this.timeout(60_000);
  let testing: TestingApi;
  const prefix = `cost-${Date.now()}/`;
  const names = ['read', 'never-read', 'gone'].map((n) => `${prefix}${n}`);

  before(async () => {
    ({ testing } = await extensionApi());
    const store = await testing.connections.getStore('local');
    for (const name of names) await store.createSecret({ name, secretString: syntheticValue() });
    await store.getSecretValue({ secretId: names[0] });
    await store.deleteSecret({ secretId: names[2], recoveryWindowInDays: 7 });
  });

  after(async () => {
    testing.tree.model.setFilter('local', undefined);
    const store = await testing.connections.getStore('local');
    for (const name of names) {
      await store.restoreSecret(name).catch(() => undefined);
      await store.deleteSecret({ secretId: name, forceDeleteWithoutRecovery: true });
    }
  });

  it("shows the folder's cost in the tree and its totals in the report", async () => {
    // only this folder listed, so the tree's figure is not cut short by paging
    testing.tree.model.setFilter('local', [{ key: 'name', values: [prefix] }]);
    const [connection] = (await children(testing)).filter((n) => n.kind === 'connection' && n.id === 'local');
    const folder = (await children(testing, connection)).find(
      (n): n is Extract<ExplorerNode, { kind: 'folder' }> => n.kind === 'folder' && n.prefix === prefix,
    );
    assert.ok(folder, 'the folder is shown');
    const item = testing.tree.getTreeItem(folder);
    assert.equal(item.description, '≈ $0.80/mo');
    assert.match((item.tooltip as vscode.MarkdownString).value, /2 secret\(s\) billed, 1 scheduled for deletion/);

    const uri = await vscode.commands.executeCommand<vscode.Uri>(PostureCommands.costEstimate, folder);
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    assert.ok(document, 'the report is open');
    const text = document.getText();
    assert.match(text, new RegExp(`^# Cost estimate: Local Vault / ${prefix}\\n`));
    assert.match(text, /^3 secret\(s\), .* The local vault is not billed/m);
    assert.match(text, /^\| Secrets \| 2 \| \$0\.80 \|$/m);
    assert.match(text, /^\| Scheduled for deletion \(not billed\) \| 1 \| \$0\.00 \|$/m);
    // no calls to this folder in any access log: the estimate is not there, or 0
    assert.match(text, /^\| (API calls \| not estimated \| — |API calls \(estimated\) \| 0 \| \$0\.00 )\|$/m);
    assert.match(text, /^\| \*\*Total\*\* \| \| \*\*\$0\.80\*\* \|$/m);
    // created today: not cleanup candidates yet, read or not (the 90-day rule is unit-tested with a moved clock)
    assert.match(text, /^## Unused secrets\n\nNone: no billed secret has gone 90 days without a read/m);
    for (const value of usedValues) assert.ok(!text.includes(value), 'no value in the report');
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});
