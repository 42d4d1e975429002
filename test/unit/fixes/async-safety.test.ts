// The quick fix never writes code whose result is wrong: a fetch is written only where `await` is valid (as the
// project compiles and runs the file), or moved into the async functions that alone read the value; anywhere
// else the fetch is refused and the environment-variable fix is the one offered.
import assert from 'node:assert/strict';
import { posix } from 'node:path';
import {
  applyEdits,
  loadProjectModuleInfo,
  planFix,
  topLevelAwaitAllowed,
  type FixPlan,
  type ProjectModuleInfo,
} from '../../../src/core/fixes/index';
import { parseJsonc } from '../../../src/core/fixes/module-context';
import { applyCase, loadCases, locateFinding } from './fixture-cases';

const VALUE = 'q7RmZk2VxW9pLs4TnB8c';

function plan(text: string, path: string, project: ProjectModuleInfo = {}, name = 'apiToken'): FixPlan {
  const finding = locateFinding(text, { value: VALUE, name, ruleId: 'generic-api-key' }, 0);
  return planFix({ text, path, targets: [{ finding }], secretName: 'app/dev/api-token', project });
}

/** A getSecret call that is not awaited yields a Promise where the code had a string. */
function unawaitedCalls(text: string): string[] {
  return text
    .split('\n')
    .filter((line) => /\bgetSecret\(/.test(line) && !/require\(|^\s*import\b/.test(line))
    .filter((line) => !/\bawait getSecret\(/.test(line));
}

describe('quick fix: a fetch is written only where its result is the value', () => {
  it('no golden TS/JS fix leaves an un-awaited fetch (CommonJS and sync functions get the env fix)', () => {
    const scripts = loadCases().filter((c) => /\.(c|m)?[jt]sx?$/.test(c.path));
    assert.ok(scripts.length >= 5);
    for (const goldenCase of scripts) {
      const applied = applyCase(goldenCase);
      assert.deepEqual(unawaitedCalls(applied.text), [], goldenCase.id);
    }
  });

  it('refuses the fetch in a CommonJS top level and in a sync function, naming why', () => {
    const cjs = plan(`const apiToken = '${VALUE}';\nmodule.exports = { apiToken };\n`, 'lib/a.js');
    assert.match(cjs.blocked ?? '', /Promise.*CommonJS has no top-level await/);
    assert.deepEqual(cjs.edits, []);
    const sync = plan(`export function token() {\n  return '${VALUE}';\n}\n`, 'src/a.mjs');
    assert.match(sync.blocked ?? '', /function that is not async/);
  });

  it('writes the awaited fetch at the top level of an ES module the project allows', () => {
    const text = `export const apiToken = '${VALUE}';\n`;
    const fixed = applyEdits(
      text,
      plan(text, 'src/a.ts', { tsconfig: { module: 'nodenext' }, packageType: 'module' }).edits,
    );
    assert.match(fixed, /export const apiToken = await getSecret\('app\/dev\/api-token'\);/);
  });

  it('decides top-level await from package.json type and tsconfig module/target', () => {
    const table: Array<[string, string, ProjectModuleInfo, boolean]> = [
      ['a.mjs', 'javascript', {}, true],
      ['a.cjs', 'javascript', { packageType: 'module' }, false],
      ['a.js', 'javascript', { packageType: 'module' }, true],
      ['a.js', 'javascript', { packageType: 'commonjs' }, false],
      ['a.ts', 'typescript', {}, false],
      ['a.ts', 'typescript', { packageType: 'module' }, true],
      ['a.mts', 'typescript', {}, true],
      ['a.ts', 'typescript', { tsconfig: { module: 'commonjs', target: 'es2022' } }, false],
      ['a.ts', 'typescript', { tsconfig: { module: 'es2022' } }, false], // default target ES5
      ['a.ts', 'typescript', { tsconfig: { module: 'es2022', target: 'es2017' } }, true],
      ['a.ts', 'typescript', { tsconfig: { module: 'esnext', target: 'es2015' } }, false],
      ['a.ts', 'typescript', { tsconfig: { module: 'nodenext' }, packageType: 'commonjs' }, false],
      ['a.ts', 'typescript', { tsconfig: { module: 'nodenext' }, packageType: 'module' }, true],
      ['a.mts', 'typescript', { tsconfig: { module: 'node16' } }, true],
      ['a.ts', 'typescript', { tsconfig: {}, packageType: 'module' }, false],
    ];
    for (const [path, language, project, expected] of table) {
      const allowed = topLevelAwaitAllowed(path, language as 'typescript', 'export {};', project);
      assert.equal(allowed, expected, `${path} ${JSON.stringify(project)}`);
    }
  });

  it('reads the nearest package.json and tsconfig.json (JSONC, extends chain), not past the root', async () => {
    const files: Record<string, string> = {
      '/ws/package.json': '{ "type": "module" }',
      '/ws/tsconfig.base.json': '{ "compilerOptions": { "module": "ES2022", /* modern */ "target": "ES2022", } }',
      '/ws/app/tsconfig.json': '// app\n{ "extends": "../tsconfig.base.json", "compilerOptions": { "strict": true } }',
      '/package.json': '{ "type": "commonjs" }',
    };
    const read = async (path: string) => files[posix.normalize(path)];
    const info = await loadProjectModuleInfo('/ws/app/src/main.ts', '/ws', read);
    assert.deepEqual(info, { packageType: 'module', tsconfig: { module: 'es2022', target: 'es2022' } });
    const outside = await loadProjectModuleInfo('/ws/app/src/main.ts', '/ws/app', read);
    assert.deepEqual(outside, { tsconfig: { module: 'es2022', target: 'es2022' } });
    assert.deepEqual(parseJsonc('{"a": "// not a comment", "b": [1,],}'), { a: '// not a comment', b: [1] });
  });
});

describe('quick fix: moving the fetch into its async consumers', () => {
  const moved = (source: string, path = 'lib/a.js') => {
    const result = plan(source, path, { packageType: 'commonjs' });
    return result.blocked ? undefined : applyEdits(source, result.edits);
  };

  it('moves a module-level constant read only by async functions into each of them', () => {
    const fixed = moved(
      `const apiToken = '${VALUE}';\n\nasync function a() {\n  return apiToken.length;\n}\nconst b = async () => {\n  if (apiToken) return { apiToken };\n};\nmodule.exports = { a, b };\n`,
    );
    assert.ok(fixed);
    assert.equal(fixed.match(/const apiToken = await getSecret\('app\/dev\/api-token'\);/g)?.length, 2);
    assert.ok(!fixed.includes(VALUE));
  });

  it('refuses whenever the move could change what the code does', () => {
    const refused: Record<string, string> = {
      exported: `export const apiToken = '${VALUE}';\nexport async function a() { return apiToken; }\n`,
      'module.exports': `const apiToken = '${VALUE}';\nasync function a() { return apiToken; }\nmodule.exports = { apiToken, a };\n`,
      'read at load time': `const apiToken = '${VALUE}';\nconsole.log(apiToken.length);\nasync function a() { return apiToken; }\n`,
      'read in a sync callback': `const apiToken = '${VALUE}';\nasync function a() { return [1].map(() => apiToken); }\n`,
      reassigned: `let apiToken = '${VALUE}';\nasync function a() { apiToken = 'x'; return apiToken; }\n`,
      shadowed: `const apiToken = '${VALUE}';\nasync function a(apiToken) { return apiToken; }\nasync function b() { return apiToken; }\n`,
      'parameter default': `const apiToken = '${VALUE}';\nasync function a(t = apiToken) { return t; }\n`,
      'expression body': `const apiToken = '${VALUE}';\nconst a = async () => apiToken;\n`,
      'never read': `const apiToken = '${VALUE}';\n`,
      'two declarators': `const apiToken = '${VALUE}', other = 1;\nasync function a() { return apiToken + other; }\n`,
    };
    for (const [why, source] of Object.entries(refused)) assert.equal(moved(source), undefined, why);
    const typed = `const apiToken = '${VALUE}';\nlet t: typeof apiToken;\nasync function a() { return apiToken; }\n`;
    assert.equal(moved(typed, 'src/a.ts'), undefined, 'typeof in a type');
  });
});
