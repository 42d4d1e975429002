// `npm run bench references`: the secret reference index (#24) — indexWorkspace over a synthetic 5,000-file
// workspace (TS/JS, Python, Go, Java, C#, CloudFormation, Terraform, .env, compose; a fifth of the files
// reference secrets; node_modules and a .gitignored folder beside them, not read), and one file's update() after
// an edit, for a typical file and a 1 MB one.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { indexWorkspace } from '../../src/core/references/index';
import { seeded as random } from '../support/synthetic';

const FILES = 5_000;
const ROUNDS = 5;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const load = () => `load ${loadavg()[0].toFixed(1)} on ${cpus().length} CPUs`;

const arn = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:';
const KINDS: Array<{ ext: string; line: (i: number) => string; reference: (name: string) => string }> = [
  {
    ext: 'ts',
    line: (i) => `export const value${i} = compute(${i}, 'label-${i}');`,
    reference: (n) => `const s = await getSecret('${n}', 'password');`,
  },
  {
    ext: 'js',
    line: (i) => `module.exports.f${i} = (x) => x * ${i};`,
    reference: () => 'const url = process.env.DB_URL;',
  },
  { ext: 'py', line: (i) => `def f${i}(x):\n    return x + ${i}`, reference: (n) => `v = get_secret("${n}")` },
  {
    ext: 'go',
    line: (i) => `func f${i}(x int) int { return x + ${i} }`,
    reference: (n) => `v := getSecret("${n}", "")`,
  },
  {
    ext: 'java',
    line: (i) => `    static int f${i}(int x) { return x + ${i}; }`,
    reference: (n) => `String v = SecretsHelper.getSecret("${n}");`,
  },
  {
    ext: 'cs',
    line: (i) => `    public static int F${i}(int x) => x + ${i};`,
    reference: (n) => `var v = SecretsHelper.GetSecret("${n}");`,
  },
  {
    ext: 'yaml',
    line: (i) => `  Param${i}:\n    Type: String\n    Default: value-${i}`,
    reference: (n) => `  Pw: '{{resolve:secretsmanager:${n}:SecretString:password}}'`,
  },
  {
    ext: 'tf',
    line: (i) => `variable "v${i}" {\n  default = "value-${i}"\n}`,
    reference: (n) => `data "aws_secretsmanager_secret_version" "x" {\n  secret_id = "${n}"\n}`,
  },
  {
    ext: 'json',
    line: (i) => `  "key${i}": "value-${i}",`,
    reference: (n) => `  "valueFrom": "${arn}${n}-Ab12Cd:password::",`,
  },
];

/** A file of about `bytes` bytes; with `name`, one reference to it in the middle. */
function fileText(kind: (typeof KINDS)[number], bytes: number, name: string | undefined): string {
  const lines: string[] = [];
  let size = 0;
  let referenced = !name;
  for (let i = 0; size < bytes; i++) {
    if (!referenced && size >= bytes / 2) {
      lines.push(kind.reference(name!));
      referenced = true;
    }
    const line = kind.line(i);
    lines.push(line);
    size += line.length + 1;
  }
  return lines.join('\n') + '\n';
}

function generateWorkspace(root: string): { referencing: number } {
  const next = random(24);
  let referencing = 0;
  writeFileSync(join(root, '.secrets-workbench.json'), JSON.stringify({ env: { DB_URL: 'bench/db#url' } }));
  writeFileSync(join(root, '.gitignore'), 'generated/\n');
  for (const skipped of ['node_modules/pkg', 'generated']) {
    mkdirSync(join(root, skipped), { recursive: true });
    for (let i = 0; i < 500; i++) writeFileSync(join(root, skipped, `f${i}.js`), "getSecret('never/read');\n");
  }
  for (let i = 0; i < FILES; i++) {
    const folder = join(root, `pkg${Math.floor(i / 100)}`, `mod${Math.floor(i / 20) % 5}`);
    if (i % 20 === 0) mkdirSync(folder, { recursive: true });
    const kind = KINDS[i % KINDS.length];
    const name = next() < 0.2 ? `bench/s${i % 400}` : undefined;
    if (name) referencing++;
    const file = i % 250 === 0 ? '.env' : `f${i}.${kind.ext}`;
    const text =
      file === '.env'
        ? `# DB comes from secret bench/env${i} (env map in .secrets-workbench.json)\n`
        : fileText(kind, 500 + Math.floor(next() * 2500), name);
    writeFileSync(join(folder, file), text);
  }
  return { referencing };
}

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'sw-bench-references-'));
  try {
    const { referencing } = generateWorkspace(root);
    console.log(
      `\nindexWorkspace: ${FILES} files (+1,000 in node_modules and a .gitignored folder), ${referencing} with references`,
    );
    const times: number[] = [];
    let result;
    for (let round = 0; round < ROUNDS; round++) {
      const start = performance.now();
      result = await indexWorkspace(root);
      times.push(performance.now() - start);
    }
    const references = result!.index.all().length;
    if (result!.filesIndexed < FILES) throw new Error(`indexed ${result!.filesIndexed} files, expected ${FILES}+`);
    console.log(
      `  ${median(times).toFixed(0)} ms median of ${ROUNDS} (first ${times[0].toFixed(0)} ms, ${result!.filesIndexed} files, ${references} references; bar <= 2000 ms)   (${load()})`,
    );

    const index = result!.index;
    for (const [label, bytes] of [
      ['typical 3 KB file', 3_000],
      ['1 MB file', 1_000_000],
    ] as const) {
      const kind = KINDS[0];
      const path = join(root, `edited-${bytes}.ts`);
      const texts = [fileText(kind, bytes, 'bench/edited'), `// edit\n${fileText(kind, bytes, 'bench/edited')}`];
      const others = index.paths().filter((p) => p !== path);
      const before = others.map((p) => index.referencesIn(p));
      const perUpdate: number[] = [];
      const repeats = bytes > 100_000 ? 20 : 2_000;
      for (let i = 0; i < repeats; i++) {
        const start = performance.now();
        index.update(path, texts[i % 2]);
        perUpdate.push(performance.now() - start);
      }
      if (index.referencesTo('bench/edited').length !== 1) throw new Error('the edited file lost its reference');
      if (others.some((p, i) => index.referencesIn(p) !== before[i])) throw new Error('an update touched other files');
      console.log(
        `  update() after an edit, ${label}: ${(median(perUpdate) * 1000).toFixed(0)} µs median of ${repeats}   (${load()})`,
      );
      index.remove(path);
    }
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
