import { strict as assert } from 'node:assert';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  backupRoots,
  blockBackupsIn,
  blockBackupsUnder,
  workspaceBackupFolder,
} from '../../../src/vscode/documents/backup-blocker';

const scheme = 'secrets-workbench';

/** What VS Code's backup does: create the missing parent folders, then write the file. */
function writeBackupLikeVsCode(workspaceFolder: string, text: string): void {
  const file = join(workspaceFolder, scheme, '-4f2a9c');
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
}

describe('backup blocker (unsaved secret values kept out of VS Code backups)', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'sw-backups-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('finds the backup roots and the window’s backup folder from the extension’s storage paths', () => {
    const roots = backupRoots('/ud/User/globalStorage/pub.ext');
    assert.deepEqual(roots, { web: '/ud/User/Backups', desktop: '/ud/Backups' });
    assert.equal(
      workspaceBackupFolder(roots.web, '/ud/User/workspaceStorage/438d2f79/pub.ext'),
      '/ud/User/Backups/438d2f79',
    );
    assert.equal(workspaceBackupFolder(roots.web, undefined), undefined);
  });

  it('makes a backup write fail even before the workspace backup folder exists', () => {
    const workspace = join(dir, 'Backups', '438d2f79');
    assert.equal(blockBackupsIn(workspace, scheme), 0);
    assert.ok(statSync(join(workspace, scheme)).isFile());
    assert.throws(() => writeBackupLikeVsCode(workspace, 'unsaved'), /ENOTDIR|EEXIST/);
    assert.deepEqual(readdirSync(workspace), [scheme]);
  });

  it('deletes backups already written and blocks the folder; a second call changes nothing', () => {
    const workspace = join(dir, 'Backups', 'a1');
    writeBackupLikeVsCode(workspace, 'unsaved');
    assert.equal(blockBackupsIn(workspace, scheme), 1);
    assert.ok(statSync(join(workspace, scheme)).isFile());
    assert.equal(blockBackupsIn(workspace, scheme), 0);
    assert.ok(statSync(join(workspace, scheme)).isFile());
  });

  it('sweeps every existing workspace folder under the roots and creates none', () => {
    const root = join(dir, 'Backups');
    writeBackupLikeVsCode(join(root, 'a1'), 'one');
    mkdirSync(join(root, 'b2'), { recursive: true });
    writeFileSync(join(root, 'workspaces.json'), '{}'); // desktop keeps a file next to the folders
    assert.equal(blockBackupsUnder([root, join(dir, 'missing')], scheme), 1);
    for (const workspace of ['a1', 'b2']) assert.ok(statSync(join(root, workspace, scheme)).isFile());
    assert.ok(!existsSync(join(dir, 'missing')));
    assert.ok(statSync(join(root, 'workspaces.json')).isFile());
  });
});
