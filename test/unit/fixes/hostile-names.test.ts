// #20: every fix generator escapes what it writes for its own language, whatever the secret name and JSON key
// hold (quotes, backslashes, `${`, `%{`, newlines, control characters, Go raw and C# verbatim literals replaced).
// Property-based over seeded hostile names: each fixed file must parse with its language's own parser, and the
// name and key read back from the parsed literal must equal the originals exactly.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseJs } from '@babel/parser';
import { parse as parseHcl } from '@cdktf/hcl2json';
import { Language, Parser, type Node } from '@vscode/tree-sitter-wasm';
import { parse as parseYaml } from 'yaml';
import { ENV_NAME, parseSecretReference } from '../../../src/core/env/env-map';
import { applyEdits, planFix, type FixMode, type FixPlan, type FixRequest } from '../../../src/core/fixes/index';
import { seeded } from '../../support/synthetic';
import { repoRoot } from './project-dir';

const runs = 60;

const pieces = [
  '"',
  "'",
  '\\',
  '${',
  '%{',
  '}}',
  '{{',
  '\n',
  '\r\n',
  '\t',
  '`',
  '$',
  '#',
  ':',
  '|',
  '\u0000',
  '\u001b',
  '\u007f',
  '\u0085',
  '\u2028',
  '*/',
  '/*',
  '//',
  '@"',
  '"""',
  "'''",
  '\\u0041',
  '\\n',
  '\\x41',
  '\\',
  '))',
  ');',
  'é',
  '数',
  '🔑',
  'a',
  'Z',
  '0',
  '/',
  '-',
  ' ',
  'prod',
];

function hostileNames(seed: number, count: number): string[] {
  const rand = seeded(seed);
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    let name = '';
    const length = 1 + Math.floor(rand() * 8);
    for (let j = 0; j < length; j++) name += pieces[Math.floor(rand() * pieces.length)];
    names.push(name);
  }
  return names;
}

interface Source {
  path: string;
  /** VALUE marks the literal's content; OPEN/CLOSE its quotes when they differ from `quote`. */
  text: string;
  quote: '"' | "'" | '`' | '';
  mode?: FixMode;
}

function request(source: Source, secretName: string, jsonKey: string | undefined): FixRequest {
  const value = 'synthetic-value-1234';
  const text = source.text.replace('VALUE', value);
  const offset = text.indexOf(value);
  const position = (at: number) => ({
    line: text.slice(0, at).split('\n').length - 1,
    character: at - (text.lastIndexOf('\n', at - 1) + 1),
    offset: at,
  });
  return {
    text,
    path: source.path,
    secretName,
    mode: source.mode,
    existingEnv: {},
    targets: [
      {
        finding: {
          id: 'f1',
          ruleId: 'generic-password',
          kind: 'password',
          range: { start: position(offset), end: position(offset + value.length) },
          name: 'password',
          construct: 'assignment',
          quote: source.quote,
        },
        jsonKey,
      },
    ],
  };
}

/** Hostile names and keys (half of the runs with a key), planned and applied for one source. */
function* cases(source: Source, seed: number) {
  const names = hostileNames(seed, runs);
  const keys = hostileNames(seed + 1, runs);
  for (let i = 0; i < runs; i++) {
    const jsonKey = i % 2 ? keys[i] : undefined;
    const req = request(source, names[i], jsonKey);
    const plan = planFix(req);
    yield { name: names[i], jsonKey, plan, fixed: applyEdits(req.text, plan.edits) };
  }
}

const shown = (name: string, jsonKey?: string) => JSON.stringify({ name, jsonKey });

// ---- decoders of string literals, per each language's specification (throwing on what it does not allow)

function decodeC(literal: string, escapes: Record<string, string>, numeric: RegExp): string {
  const quote = literal[0];
  assert.equal(literal.at(-1), quote, `closed literal ${literal}`);
  const body = literal.slice(1, -1);
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    assert.ok(c !== '\n' && c !== '\r', `raw line break in ${JSON.stringify(literal)}`);
    if (c === quote) assert.fail(`unescaped quote in ${JSON.stringify(literal)}`);
    if (c !== '\\') {
      out += c;
      continue;
    }
    const next = body[i + 1];
    if (next !== undefined && Object.hasOwn(escapes, next)) {
      out += escapes[next];
      i++;
      continue;
    }
    const m = numeric.exec(body.slice(i));
    assert.ok(m, `invalid escape \\${next} in ${JSON.stringify(literal)}`);
    // The pattern's groups come in (kind, digits) pairs; an empty kind is octal.
    const groups = m.slice(1);
    const pair = groups.findIndex((g, k) => k % 2 === 1 && g !== undefined);
    out += String.fromCodePoint(parseInt(groups[pair], groups[pair - 1] ? 16 : 8));
    i += m[0].length - 1;
  }
  return out;
}

const decoders: Record<string, (literal: string) => string> = {
  // Go: \' is invalid in a string; \x is a byte (only ASCII is produced); octal needs three digits.
  go: (l) =>
    l.startsWith('`')
      ? assert.fail('raw string')
      : decodeC(
          l,
          { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', '"': '"' },
          /^\\(?:(x)([0-9a-fA-F]{2})|(u)([0-9a-fA-F]{4})|(U)([0-9a-fA-F]{8})|()([0-7]{3}))/,
        ),
  java: (l) => {
    // Unicode escapes are translated before lexing: a \u after an odd run of backslashes would change the text.
    for (const m of l.matchAll(/(\\+)u/g)) assert.ok(m[1].length % 2 === 0, `Java unicode escape in ${l}`);
    return decodeC(
      l,
      { b: '\b', s: ' ', t: '\t', n: '\n', f: '\f', r: '\r', '"': '"', "'": "'", '\\': '\\' },
      /^\\(?:()([0-3][0-7]{2}|[0-7]{1,2}))/,
    );
  },
  csharp: (l) =>
    decodeC(
      l,
      {
        "'": "'",
        '"': '"',
        '\\': '\\',
        '0': '\0',
        a: '\x07',
        b: '\b',
        f: '\f',
        n: '\n',
        r: '\r',
        t: '\t',
        v: '\v',
      },
      /^\\(?:(u)([0-9a-fA-F]{4})|(U)([0-9a-fA-F]{8})|(x)([0-9a-fA-F]{1,4}))/,
    ),
};

// ---- tree-sitter for Go, Java and C#

const grammars = new Map<string, Parser>();
async function treeSitter(grammar: string): Promise<Parser> {
  if (!grammars.has(grammar)) {
    await Parser.init();
    const wasm = join(repoRoot, 'node_modules', '@vscode', 'tree-sitter-wasm', 'wasm', `tree-sitter-${grammar}.wasm`);
    grammars.set(grammar, new Parser().setLanguage(await Language.load(readFileSync(wasm))));
  }
  return grammars.get(grammar)!;
}

const stringTypes = new Set([
  'interpreted_string_literal',
  'raw_string_literal',
  'string_literal',
  'verbatim_string_literal',
]);

/** The string arguments of the one call to `callee`, after checking the whole file parses without errors. */
function callStrings(parser: Parser, text: string, callee: RegExp): string[] {
  const tree = parser.parse(text)!;
  try {
    assert.ok(!tree.rootNode.hasError, `syntax error in:\n${text}`);
    const calls: Node[] = [];
    const visit = (node: Node) => {
      if (/call_expression|method_invocation|invocation_expression/.test(node.type) && callee.test(node.text))
        calls.push(node);
      else for (const child of node.children) if (child) visit(child);
    };
    visit(tree.rootNode);
    assert.equal(calls.length, 1, `one call in:\n${text}`);
    const strings: string[] = [];
    const collect = (node: Node) => {
      if (stringTypes.has(node.type)) strings.push(node.text);
      else for (const child of node.children) if (child) collect(child);
    };
    collect(calls[0]);
    return strings;
  } finally {
    tree.delete();
  }
}

// ---- the JavaScript and Python calls

function jsCallArguments(text: string, typescript: boolean): unknown[] {
  const program = parseJs(text, { sourceType: 'unambiguous', plugins: typescript ? ['typescript'] : [] }).program;
  const found: unknown[][] = [];
  const visit = (node: unknown) => {
    if (!node || typeof node !== 'object') return;
    const n = node as { type?: string; callee?: { name?: string }; arguments?: { type: string; value?: unknown }[] };
    if (n.type === 'CallExpression' && n.callee?.name === 'getSecret')
      found.push(n.arguments!.map((a) => (a.type === 'StringLiteral' ? a.value : a.type)));
    for (const [key, value] of Object.entries(node)) if (key !== 'loc') visit(value);
  };
  visit(program);
  assert.equal(found.length, 1, `one getSecret call in:\n${text}`);
  return found[0];
}

/** Python's own parser (ast) over all fixed files at once: the get_secret call's constant arguments, or the error. */
function pythonCallArguments(texts: string[]): (unknown[] | string)[] {
  const script = `
import ast, json, sys
out = []
for text in json.load(sys.stdin):
    try:
        calls = [n for n in ast.walk(ast.parse(text)) if isinstance(n, ast.Call) and getattr(n.func, 'id', '') == 'get_secret']
        out.append([a.value if isinstance(a, ast.Constant) else type(a).__name__ for a in calls[0].args] if len(calls) == 1 else 'calls: %d' % len(calls))
    except SyntaxError as e:
        out.append('SyntaxError: %s' % e)
json.dump(out, sys.stdout)`;
  const result = spawnSync('python3', ['-c', script], { input: JSON.stringify(texts), encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  return JSON.parse(result.stdout) as (unknown[] | string)[];
}

function expectedArguments(name: string, jsonKey: string | undefined): string[] {
  return jsonKey === undefined ? [name] : [name, jsonKey];
}

function assertEnvPlan(plan: FixPlan, name: string, jsonKey: string | undefined): void {
  if (plan.blocked || !plan.changesFile) {
    assert.ok(name.includes('#') || jsonKey?.includes('#'), `refused only for '#': ${shown(name, jsonKey)}`);
    return;
  }
  for (const [variable, reference] of Object.entries(plan.env ?? {})) {
    assert.match(variable, ENV_NAME);
    const back = parseSecretReference(reference);
    assert.deepEqual([back.secretId, back.jsonKey], [name, jsonKey], shown(name, jsonKey));
  }
}

describe('fix generators escape hostile secret names and keys for their language (#20)', function () {
  this.timeout(60_000);

  for (const [label, source, typescript] of [
    [
      'javascript',
      {
        path: 'src/app.js',
        text: 'async function main() {\n  const password = "VALUE";\n  return password;\n}\n',
        quote: '"',
      },
      false,
    ],
    [
      'typescript',
      {
        path: 'src/app.ts',
        text: "export async function main() {\n  const password = 'VALUE';\n  return password;\n}\n",
        quote: "'",
      },
      true,
    ],
  ] as const) {
    it(`${label}: getSecret's arguments parse back to the name and key`, () => {
      for (const { name, jsonKey, plan, fixed } of cases(source, label.length)) {
        assert.equal(plan.blocked, undefined);
        assert.deepEqual(jsCallArguments(fixed, typescript), expectedArguments(name, jsonKey), shown(name, jsonKey));
      }
    });
  }

  it("python: get_secret's arguments parse back (Python's ast), for \"\" and r'' literals", () => {
    const all = [
      ...cases({ path: 'app.py', text: 'def main():\n    password = "VALUE"\n    return password\n', quote: '"' }, 3),
      ...cases({ path: 'app.py', text: "def main():\n    password = r'VALUE'\n    return password\n", quote: "'" }, 4),
    ];
    const parsed = pythonCallArguments(all.map((c) => c.fixed));
    all.forEach(({ name, jsonKey }, i) =>
      assert.deepEqual(parsed[i], expectedArguments(name, jsonKey), shown(name, jsonKey)),
    );
  });

  for (const [language, grammar, callee, sources] of [
    [
      'go',
      'go',
      /^getSecret\(/,
      [
        {
          path: 'main.go',
          text: 'package main\n\nfunc main() {\n\tpassword := "VALUE"\n\t_ = password\n}\n',
          quote: '"',
        },
        {
          path: 'main.go',
          text: 'package main\n\nfunc main() {\n\tpassword := `VALUE`\n\t_ = password\n}\n',
          quote: '`',
        },
      ],
    ],
    [
      'java',
      'java',
      /^SecretsHelper\.getSecret\(/,
      [{ path: 'src/App.java', text: 'package app;\n\nclass App {\n  String password = "VALUE";\n}\n', quote: '"' }],
    ],
    [
      'csharp',
      'c-sharp',
      /^SecretsHelper\.GetSecret\(/,
      [
        { path: 'App.cs', text: 'namespace App;\n\nclass App {\n  string password = "VALUE";\n}\n', quote: '"' },
        { path: 'App.cs', text: 'namespace App;\n\nclass App {\n  string password = @"VALUE";\n}\n', quote: '"' },
      ],
    ],
  ] as const) {
    it(`${language}: the helper call parses (tree-sitter) and its literals decode to the name and key`, async () => {
      const parser = await treeSitter(grammar);
      for (const source of sources) {
        for (const { name, jsonKey, fixed } of cases(source as Source, language.length)) {
          const strings = callStrings(parser, fixed, callee);
          const decoded = strings.map(decoders[language]);
          // Go's call always passes a key argument ("" for none).
          const expected = language === 'go' ? [name, jsonKey ?? ''] : expectedArguments(name, jsonKey);
          assert.deepEqual(decoded, expected, `${shown(name, jsonKey)} in ${fixed}`);
        }
      }
    });
  }

  const safeReference = /^[A-Za-z0-9/_+=.@ -]+$/;
  for (const [language, path, text] of [
    [
      'cloudformation-yaml',
      'template.yaml',
      'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      MasterUserPassword: "VALUE"\n',
    ],
    [
      'cloudformation-json',
      'template.json',
      '{\n  "AWSTemplateFormatVersion": "2010-09-09",\n  "Resources": {\n    "Db": {\n      "Type": "AWS::RDS::DBInstance",\n      "Properties": { "MasterUserPassword": "VALUE" }\n    }\n  }\n}\n',
    ],
  ] as const) {
    it(`${language}: the dynamic reference is exact, or refused when the name cannot be carried by one`, () => {
      for (const { name, jsonKey, plan, fixed } of cases({ path, text, quote: '"' }, language.length)) {
        assert.equal(plan.language, language);
        const carried = safeReference.test(name) && (jsonKey === undefined || safeReference.test(jsonKey));
        if (!carried) {
          assert.equal(plan.changesFile, false, shown(name, jsonKey));
          assert.equal(fixed, request({ path, text, quote: '"' }, name, jsonKey).text);
          continue;
        }
        const document = (language === 'cloudformation-json' ? JSON.parse(fixed) : parseYaml(fixed)) as {
          Resources: { Db: { Properties: { MasterUserPassword: string } } };
        };
        const key = jsonKey === undefined ? '' : `:SecretString:${jsonKey}`;
        assert.equal(document.Resources.Db.Properties.MasterUserPassword, `{{resolve:secretsmanager:${name}${key}}}`);
      }
    });
  }

  it('terraform: secret_id and the JSON key are HCL strings with no interpolation, and decode exactly', async () => {
    const source: Source = {
      path: 'main.tf',
      text: 'resource "aws_db_instance" "db" {\n  password = "VALUE"\n}\n',
      quote: '"',
    };
    /** A string of HCL's JSON form: `$${`/`%%{` are the literal text; any other `${`/`%{` is an interpolation. */
    const literalText = (value: string) => {
      let out = '';
      for (let i = 0; i < value.length; i++) {
        const two = value.slice(i, i + 3);
        if (two === '$${' || two === '%%{') {
          out += `${value[i]}{`;
          i += 2;
        } else if (/^[$%]\{/.test(value.slice(i, i + 2))) assert.fail(`interpolation in ${JSON.stringify(value)}`);
        else out += value[i];
      }
      return out;
    };
    for (const { name, jsonKey, fixed } of cases(source, 9)) {
      const parsed = (await parseHcl('main.tf', fixed)) as {
        data: Record<string, Record<string, { secret_id: string }[]>>;
        resource: { aws_db_instance: { db: { password: string }[] } };
      };
      const [label] = Object.keys(parsed.data.aws_secretsmanager_secret_version);
      assert.equal(literalText(parsed.data.aws_secretsmanager_secret_version[label][0].secret_id), name);
      const password = parsed.resource.aws_db_instance.db[0].password;
      const data = `data.aws_secretsmanager_secret_version.${label}.secret_string`;
      if (jsonKey === undefined) assert.equal(password, `\${${data}}`);
      else {
        const prefix = `\${jsondecode(${data})[`;
        assert.ok(password.startsWith(prefix) && password.endsWith(']}'), password);
        const keyLiteral = password.slice(prefix.length, -2);
        assert.equal(literalText(JSON.parse(keyLiteral) as string), jsonKey, shown(name, jsonKey));
      }
    }
  });

  it('dotenv: the replaced line stays one comment line, other lines untouched; the env map names the secret', () => {
    const source: Source = { path: '.env', text: 'A=1\nAPP_OPTION=VALUE\nB=2\n', quote: '' };
    for (const { name, jsonKey, plan, fixed } of cases(source, 11)) {
      assertEnvPlan(plan, name, jsonKey);
      if (!plan.changesFile) continue;
      const lines = fixed.split('\n');
      assert.equal(lines.length, 4, JSON.stringify(fixed));
      assert.deepEqual([lines[0], lines[2], lines[3]], ['A=1', 'B=2', '']);
      assert.match(lines[1], /^# [A-Za-z_]\w* comes from secret /);
      // eslint-disable-next-line no-control-regex -- control characters are what must not be there
      assert.ok(!/[\r\u0000-\u0008\u000b-\u001f]/.test(lines[1]), JSON.stringify(lines[1]));
    }
  });

  it('docker-compose: the value is one ${VARIABLE} substitution; the env map names the secret', () => {
    const source: Source = {
      path: 'docker-compose.yml',
      text: 'services:\n  db:\n    environment:\n      DB_PASSWORD: "VALUE"\n',
      quote: '"',
    };
    for (const { name, jsonKey, plan, fixed } of cases(source, 13)) {
      assertEnvPlan(plan, name, jsonKey);
      if (!plan.changesFile) continue;
      const value = (parseYaml(fixed) as { services: { db: { environment: Record<string, string> } } }).services.db
        .environment.DB_PASSWORD;
      assert.match(value, /^\$\{[A-Za-z_][A-Za-z0-9_]*\}$/);
    }
  });

  it('env-variable fixes (every language): the variable is a plain name, the env map names the secret exactly', () => {
    for (const path of ['src/app.ts', 'src/app.js', 'app.py', 'main.go', 'src/App.java', 'App.cs']) {
      const source: Source = { path, text: 'password = "VALUE"\n', quote: '"', mode: 'env' };
      for (const { name, jsonKey, plan } of cases(source, path.length)) {
        assertEnvPlan(plan, name, jsonKey);
        // What is written is a read of a plain variable name (and imports), nothing taken from the name.
        for (const edit of plan.edits) {
          assert.match(edit.newText, /^[\w\s.()[\]!"]*$/, shown(name, jsonKey));
          for (const quoted of edit.newText.match(/"[^"]*"/g) ?? []) assert.match(quoted, /^"\w+"$/);
        }
      }
    }
  });
});
