// Writes a fixed case (fixed file + created helpers) into a temporary project that sees this repo's
// node_modules, so compilers and programs run on exactly what the quick fix produced.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { FileToCreate } from '../../../src/core/fixes/index';

export const repoRoot = join(__dirname, '..', '..', '..');

export interface TempProject {
  dir: string;
  write(path: string, content: string): string;
  dispose(): void;
}

export function tempProject(files: FileToCreate[] = [], packageJson?: object): TempProject {
  const dir = mkdtempSync(join(tmpdir(), 'sw-fix-'));
  symlinkSync(join(repoRoot, 'node_modules'), join(dir, 'node_modules'), 'dir');
  const write = (path: string, content: string) => {
    const target = join(dir, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, content);
    return target;
  };
  if (packageJson) write('package.json', JSON.stringify(packageJson));
  for (const file of files) write(file.path, file.content);
  return { dir, write, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}
