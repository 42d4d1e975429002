// Per language, the fixed file (and the helper it needs) must build or parse.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseHcl } from '@cdktf/hcl2json';
import { Language, Parser, type Node } from '@vscode/tree-sitter-wasm';
import { parse as parseYaml } from 'yaml';
import { applyCase, fixturesRoot, loadCases, type GoldenCase } from './fixture-cases';
import { repoRoot, tempProject } from './project-dir';

const cases = new Map<string, GoldenCase>(loadCases().map((c) => [c.id, c]));

function fixedProject(id: string) {
  const goldenCase = cases.get(id)!;
  const applied = applyCase(goldenCase);
  const type = goldenCase.packageType ?? 'commonjs';
  const project = tempProject(applied.createFiles, { name: `fixed-${id}`, private: true, type });
  const file = project.write(goldenCase.path, applied.text);
  return { project, file, applied, goldenCase };
}

/**
 * Syntax errors of a text by the tree-sitter grammar VS Code itself ships (no Go or .NET toolchain can be
 * installed here, so these files are checked for syntax, not compiled).
 */
async function syntaxErrors(grammar: 'go' | 'c-sharp', text: string): Promise<string[]> {
  await Parser.init();
  const wasm = join(repoRoot, 'node_modules', '@vscode', 'tree-sitter-wasm', 'wasm', `tree-sitter-${grammar}.wasm`);
  const parser = new Parser().setLanguage(await Language.load(readFileSync(wasm)));
  try {
    const errors: string[] = [];
    const visit = (node: Node) => {
      if (node.isError || node.isMissing) {
        errors.push(
          `${node.isMissing ? 'missing' : 'error'} at ${node.startPosition.row + 1}:${node.startPosition.column + 1}`,
        );
      } else if (node.hasError) for (const child of node.children) if (child) visit(child);
    };
    const tree = parser.parse(text);
    if (!tree) throw new Error(`tree-sitter-${grammar} returned no tree`);
    visit(tree.rootNode);
    tree.delete();
    return errors;
  } finally {
    parser.delete();
  }
}

function run(command: string, args: string[], cwd: string): void {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8' });
  assert.equal(result.status, 0, `${command} ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
}

describe('fix generators: fixed files build', function () {
  this.timeout(120_000);

  for (const id of ['ts-esm', 'ts-cjs-pair']) {
    it(`${id}: tsc --noEmit passes with the @aws-sdk/client-secrets-manager types`, () => {
      const { project } = fixedProject(id);
      try {
        project.write(
          'tsconfig.json',
          JSON.stringify({
            compilerOptions: {
              target: 'ES2022',
              module: 'NodeNext',
              moduleResolution: 'NodeNext',
              strict: true,
              noEmit: true,
              skipLibCheck: true,
              types: ['node'],
            },
            include: ['**/*.ts'],
            exclude: ['node_modules'],
          }),
        );
        run(
          process.execPath,
          [join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', project.dir],
          project.dir,
        );
      } finally {
        project.dispose();
      }
    });
  }

  it('ts: tsc rejects a broken fixed file (the check can fail)', () => {
    const { project, file } = fixedProject('ts-esm');
    try {
      project.write('src/config.ts', 'const broken: number = await getSecret("x");\n' + file);
      project.write(
        'tsconfig.json',
        JSON.stringify({
          compilerOptions: { module: 'NodeNext', strict: true, noEmit: true, types: [] },
          include: ['**/*.ts'],
          exclude: ['node_modules'],
        }),
      );
      const result = spawnSync(
        process.execPath,
        [join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', project.dir],
        { encoding: 'utf8' },
      );
      assert.notEqual(result.status, 0);
    } finally {
      project.dispose();
    }
  });

  for (const id of ['js-cjs', 'js-esm']) {
    it(`${id}: node --check passes on the fixed file and the helper`, () => {
      const { project, file, applied } = fixedProject(id);
      try {
        run(process.execPath, ['--check', file], project.dir);
        for (const helper of applied.createFiles)
          run(process.execPath, ['--check', join(project.dir, helper.path)], project.dir);
      } finally {
        project.dispose();
      }
    });
  }

  it('python: py_compile passes on the fixed file and the helper', () => {
    const { project, file, applied } = fixedProject('python');
    try {
      run(
        'python3',
        ['-m', 'py_compile', file, ...applied.createFiles.map((helper) => join(project.dir, helper.path))],
        project.dir,
      );
    } finally {
      project.dispose();
    }
  });

  it('java: javac compiles the fixed class and SecretsHelper against SDK stubs', () => {
    const { project, file, applied } = fixedProject('java');
    try {
      const stubRoot = join(fixturesRoot, 'java-sdk-stubs');
      const stubs = (readdirSync(stubRoot, { recursive: true }) as string[])
        .filter((f) => f.endsWith('.java'))
        .map((f) => join(stubRoot, f));
      const helper = join(project.dir, applied.createFiles[0].path);
      run('javac', ['-d', join(project.dir, 'classes'), file, helper, ...stubs], project.dir);
    } finally {
      project.dispose();
    }
  });

  for (const [id, grammar] of [
    ['go', 'go'],
    ['csharp', 'c-sharp'],
  ] as const) {
    it(`${id}: the fixed file and the helper parse without syntax errors (tree-sitter-${grammar})`, async () => {
      const { project, applied, goldenCase } = fixedProject(id);
      try {
        assert.ok(applied.createFiles.length > 0, 'the fix creates a helper');
        for (const [path, text] of [
          [goldenCase.path, applied.text],
          ...applied.createFiles.map((f) => [f.path, f.content] as const),
        ]) {
          assert.deepEqual(await syntaxErrors(grammar, text), [], path);
        }
        // the check can fail: the same file without its last closing brace
        assert.notDeepEqual(await syntaxErrors(grammar, applied.text.replace(/\}\s*$/, '')), []);
      } finally {
        project.dispose();
      }
    });
  }

  it('cloudformation yaml: parses and the property holds the resolve string', () => {
    const { applied } = fixedProject('cfn-yaml');
    const template = parseYaml(applied.text);
    assert.equal(
      template.Resources.Database.Properties.MasterUserPassword,
      '{{resolve:secretsmanager:billing/dev/master-user-password}}',
    );
  });

  it('cloudformation json: parses and the variables hold keyed resolve strings', () => {
    const { applied } = fixedProject('cfn-json');
    const variables = JSON.parse(applied.text).Resources.Queue.Properties.Environment.Variables;
    assert.equal(variables.DB_PASSWORD, '{{resolve:secretsmanager:reports/dev/credentials:SecretString:DB_PASSWORD}}');
    assert.equal(variables.API_TOKEN, '{{resolve:secretsmanager:reports/dev/credentials:SecretString:API_TOKEN}}');
    assert.equal(variables.DB_USER, 'reporting');
  });

  it('terraform: parses as HCL with the data source and the reference', async () => {
    const { applied } = fixedProject('terraform');
    const parsed = (await parseHcl('main.tf', applied.text)) as {
      data: Record<string, Record<string, unknown>>;
      resource: Record<string, Record<string, Array<Record<string, string>>>>;
    };
    assert.deepEqual(parsed.data.aws_secretsmanager_secret_version.billing_dev_password, [
      { secret_id: 'billing/dev/password' },
    ]);
    assert.equal(
      parsed.resource.aws_db_instance.billing[0].password,
      '${data.aws_secretsmanager_secret_version.billing_dev_password.secret_string}',
    );
    await assert.rejects(parseHcl('broken.tf', applied.text.replace(/\}\s*$/, '')));
  });

  it('docker compose: parses and the variable is substituted from the environment', () => {
    const { applied } = fixedProject('compose');
    assert.equal(parseYaml(applied.text).services.api.environment.DB_PASSWORD, '${DB_PASSWORD}');
  });

  it('kubernetes: only the move is done and the user is told so', () => {
    const { applied } = fixedProject('kubernetes');
    assert.equal(applied.plans[0].changesFile, false);
    assert.match(applied.plans[0].notes[0], /External Secrets Operator/);
  });
});

describe('fix generators: tools used by the build checks exist', () => {
  it('javac and python3 are installed', () => {
    execFileSync('javac', ['-version']);
    execFileSync('python3', ['--version']);
  });
});
