// The demo workspace `npm start` opens: every file with a credential is flagged (the GitHub token too, a
// valid-checksum synthetic one), its TypeScript has no errors beside the demo's point, and its vault is hidden.
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { scanText } from '../../../src/core/detection/index';
import { parseJsonc } from '../../../src/core/fixes/module-context';

const demo = join(__dirname, '..', '..', 'fixtures', 'demo-workspace');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? files(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

describe('demo workspace', () => {
  it('flags every file holding a credential, with a finding of each kind it advertises', () => {
    const flagged = new Map<string, string[]>();
    for (const file of files(demo)) {
      const path = relative(demo, file).split('\\').join('/');
      const findings = scanText(readFileSync(file, 'utf8'), { path }).findings;
      if (findings.length) flagged.set(path, [...new Set(findings.map((f) => f.ruleId))].sort());
    }
    assert.deepEqual([...flagged.keys()].sort(), [
      '.env',
      'config/database.yml',
      'src/config.ts',
      'src/deploy.ts',
      'src/upload.ts',
    ]);
    assert.deepEqual(flagged.get('src/deploy.ts'), ['github-token'], 'the GitHub token is flagged as one');
    assert.ok(flagged.get('src/upload.ts')!.includes('aws-access-key-id'));
  });

  it('type-checks without errors and without @types/node (strict, no node_modules)', () => {
    const sources = files(join(demo, 'src')).filter((f) => f.endsWith('.ts'));
    const program = ts.createProgram(sources, {
      strict: true,
      noEmit: true,
      types: [],
      lib: ['lib.es2022.d.ts'],
      target: ts.ScriptTarget.ES2022,
    });
    const errors = ts
      .getPreEmitDiagnostics(program)
      .map(
        (d) =>
          `${d.file ? relative(demo, d.file.fileName) : ''}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`,
      );
    assert.deepEqual(errors, []);
  });

  it('keeps its vault out of the explorer (files.exclude covers the vault folder)', () => {
    const settings = parseJsonc(readFileSync(join(demo, '.vscode', 'settings.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    const vault = String(settings['secretsWorkbench.localVault.path']);
    const folder = /\$\{workspaceFolder\}\/([^/]+)\//.exec(vault)?.[1];
    assert.equal(folder, '.secrets-workbench');
    assert.equal((settings['files.exclude'] as Record<string, boolean>)[`**/${folder}`], true);
  });
});
