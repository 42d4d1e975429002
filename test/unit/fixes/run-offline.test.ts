// Fixed programs run offline: the moved secret is stored in a MemoryStore served by the local Secrets
// Manager server, and the fixed TS/JS/Python program, pointed at it through AWS_ENDPOINT_URL_SECRETS_MANAGER,
// prints the original value.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { MemoryStore } from '../../../src/core/store/index';
import { startSecretsServer, type RunningSecretsServer } from '../../../src/core/server/index';
import { resolveEnvMap } from '../../../src/core/env/index';
import { applyCase, loadCases } from './fixture-cases';
import { tempProject } from './project-dir';

const cases = new Map(loadCases().map((c) => [c.id, c]));

/** Debian's python3-boto3 or a python3 that has boto3. */
export function pythonWithBoto3(): string {
  for (const candidate of ['/usr/bin/python3', 'python3']) {
    if (spawnSync(candidate, ['-c', 'import boto3'], { stdio: 'ignore' }).status === 0) return candidate;
  }
  throw new Error('No python3 with boto3: install python3-boto3 (apt-get install -y python3-boto3).');
}

function runProgram(
  command: string,
  args: string[],
  cwd: string,
  server: RunningSecretsServer,
  injected: Record<string, string> = {},
): Promise<string> {
  const env: NodeJS.ProcessEnv = {
    ...injected,
    PATH: process.env.PATH,
    HOME: cwd,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: server.endpoint,
    AWS_ACCESS_KEY_ID: server.accessKeyId,
    AWS_SECRET_ACCESS_KEY: server.secretAccessKey,
    AWS_REGION: server.region,
    AWS_DEFAULT_REGION: server.region,
    AWS_CONFIG_FILE: `${cwd}/no-aws-config`,
    AWS_SHARED_CREDENTIALS_FILE: `${cwd}/no-aws-credentials`,
    AWS_EC2_METADATA_DISABLED: 'true',
  };
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env });
    let out = '';
    let err = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (err += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(out);
      else reject(new Error(`${command} exited ${code}: ${err.slice(0, 2000)}`));
    });
  });
}

describe('fix generators: fixed programs run against the local server', function () {
  this.timeout(60_000);

  async function withMovedSecrets(
    id: string,
    body: (dir: string, server: RunningSecretsServer, values: string[], env: Record<string, string>) => Promise<void>,
  ) {
    const goldenCase = cases.get(id)!;
    const applied = applyCase(goldenCase);
    const store = new MemoryStore();
    applied.names.forEach((name, i) => void store.createSecret({ name, secretString: applied.secretStrings[i] }));
    const server = await startSecretsServer({ store, port: 0 });
    // What `secrets-workbench run` injects: the env map the fixes recorded, resolved from the same store.
    const env = await resolveEnvMap(store, applied.env);
    const project = tempProject(applied.createFiles, {
      name: `run-${id}`,
      private: true,
      type: goldenCase.packageType ?? 'commonjs',
    });
    project.write(goldenCase.path, applied.text);
    try {
      await body(
        project.dir,
        server,
        goldenCase.groups.flatMap((group) => group.findings.map((finding) => finding.value)),
        env,
      );
    } finally {
      await server.close();
      project.dispose();
    }
  }

  it('TypeScript (ESM, top-level await) prints the original value', () =>
    withMovedSecrets('ts-esm', async (dir, server, [value]) => {
      const out = await runProgram(process.execPath, ['--import', 'tsx', 'src/config.ts'], dir, server);
      assert.equal(out.trim(), value);
    }));

  it('JavaScript ESM (.mjs) prints the original value', () =>
    withMovedSecrets('js-esm', async (dir, server, [value]) => {
      const out = await runProgram(process.execPath, ['main.mjs'], dir, server);
      assert.equal(out.trim(), value);
    }));

  it('JavaScript CommonJS: the exported top-level value comes from the env map, the async function awaits its own', () =>
    withMovedSecrets('js-cjs', async (dir, server, [smtp, webhook], env) => {
      assert.deepEqual(Object.keys(env), ['SMTP_PASSWORD']);
      const driver = `const m = require('./scripts/report.js'); console.log(m.smtpPassword); m.main();`;
      const out = await runProgram(process.execPath, ['-e', driver], dir, server, env);
      assert.deepEqual(out.trim().split('\n'), [smtp, `function ${webhook.length}`]);
    }));

  it('JavaScript CommonJS: a value read only by async functions is fetched inside each of them', () =>
    withMovedSecrets('js-cjs-consumer', async (dir, server, [token]) => {
      const driver = `const m = require('./lib/alerts.js'); m.retry('x').then((line) => console.log(line));`;
      const out = await runProgram(process.execPath, ['-e', driver], dir, server);
      assert.equal(out.trim(), `function:x (retry ):${token.length}`);
    }));

  it("TypeScript compiled as CommonJS (the demo's config.ts): the value is read from the env map", () =>
    withMovedSecrets('ts-module-config', async (dir, server, [key], env) => {
      const driver = `const { config } = require('./src/config.ts'); console.log(config.stripeApiKey.length);`;
      const out = await runProgram(process.execPath, ['--import', 'tsx', '-e', driver], dir, server, env);
      assert.equal(out.trim(), String(key.length));
    }));

  it('Python (boto3 helper) prints both values of the moved AWS key pair', () =>
    withMovedSecrets('python', async (dir, server, [keyId, secretKey]) => {
      const out = await runProgram(pythonWithBoto3(), ['archive.py'], dir, server);
      assert.equal(out.trim(), `${keyId} ${secretKey} invoices`);
    }));

  it('fails loudly when the secret is missing (the check can fail)', async () => {
    const goldenCase = cases.get('js-esm')!;
    const applied = applyCase(goldenCase);
    const server = await startSecretsServer({ store: new MemoryStore(), port: 0 });
    const project = tempProject(applied.createFiles, { name: 'run-missing', private: true });
    project.write(goldenCase.path, applied.text);
    try {
      await assert.rejects(
        runProgram(process.execPath, ['main.mjs'], project.dir, server),
        /ResourceNotFoundException/,
      );
    } finally {
      await server.close();
      project.dispose();
    }
  });
});
