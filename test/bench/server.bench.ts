// GetSecretValue against the local server running in its own process (loopback, keep-alive, every request
// SigV4-signed and verified). Target: ≥ 1,000 requests/s with p99 < 20 ms on 2 cores. Prints figures only.
//
// Two load generators: a lean one (node:http + @smithy/signature-v4, the SDK's signer) that measures the server,
// and the full JS SDK v3 client, whose own per-request CPU cost is printed for comparison.
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SignatureV4 } from '@smithy/signature-v4';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Agent, request } from 'node:http';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { NodeSha256 } from '../../src/core/server/index';

const requests = Number(process.env.BENCH_REQUESTS ?? 20_000);
const sdkRequests = Number(process.env.BENCH_SDK_REQUESTS ?? 3_000);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 8);

interface ServerInfo {
  endpoint: string;
  accessKeyId: string;
  secretAccessKey: string;
}

type Call = () => Promise<string | undefined>;

async function main(): Promise<void> {
  const value = JSON.stringify({ username: 'app', password: randomBytes(24).toString('base64url') });
  const child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'server-process.ts')], {
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, BENCH_SECRET_VALUE: JSON.stringify(value) },
  });
  const lines = createInterface({ input: child.stdout! });
  const nextLine = () =>
    new Promise<string>((resolve, reject) => {
      lines.once('line', resolve);
      child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
    });
  const serverCpuMicros = async () => {
    child.stdin!.write('cpu\n');
    return (JSON.parse(await nextLine()) as { cpuMicros: number }).cpuMicros;
  };
  try {
    const server = JSON.parse(await nextLine()) as ServerInfo;
    const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
    console.log(`local server in a separate process; ${cpus().length} cores; concurrency ${concurrency}`);

    const lean = leanClient(server, agent);
    await run('lean signed client (node:http + SigV4)', lean, requests, value, serverCpuMicros);

    const sdk = new SecretsManagerClient({
      endpoint: server.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: server.accessKeyId, secretAccessKey: server.secretAccessKey },
      requestHandler: { httpAgent: agent },
    });
    const viaSdk: Call = async () => (await sdk.send(new GetSecretValueCommand({ SecretId: 'bench/db' }))).SecretString;
    await run('JS SDK v3 client', viaSdk, sdkRequests, value, serverCpuMicros);
    sdk.destroy();
    agent.destroy();
  } finally {
    child.kill('SIGTERM');
  }
}

function leanClient(server: ServerInfo, agent: Agent): Call {
  const url = new URL(server.endpoint);
  const signer = new SignatureV4({
    credentials: server,
    region: 'us-east-1',
    service: 'secretsmanager',
    sha256: NodeSha256,
    applyChecksum: false,
  });
  const body = JSON.stringify({ SecretId: 'bench/db' });
  return async () => {
    const signed = await signer.sign({
      method: 'POST',
      protocol: 'http:',
      hostname: url.hostname,
      path: '/',
      query: {},
      headers: {
        host: url.host,
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'secretsmanager.GetSecretValue',
      },
      body,
    });
    const text = await new Promise<string>((resolve, reject) => {
      const req = request(
        {
          host: url.hostname,
          port: url.port,
          method: 'POST',
          path: '/',
          agent,
          headers: { ...(signed.headers as Record<string, string>), 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          let data = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (data += c));
          res.on('end', () => (res.statusCode === 200 ? resolve(data) : reject(new Error(`HTTP ${res.statusCode}`))));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
    return (JSON.parse(text) as { SecretString?: string }).SecretString;
  };
}

async function run(
  label: string,
  call: Call,
  count: number,
  expected: string,
  serverCpuMicros: () => Promise<number>,
): Promise<void> {
  for (let i = 0; i < 300; i++) await call(); // warm-up (JIT, sockets)
  const latencies: number[] = [];
  let issued = 0;
  const serverBefore = await serverCpuMicros();
  const clientBefore = process.cpuUsage();
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (issued < count) {
        issued++;
        const t0 = process.hrtime.bigint();
        const got = await call();
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
        if (got !== expected) throw new Error('wrong value returned');
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const client = process.cpuUsage(clientBefore);
  const serverMicros = (await serverCpuMicros()) - serverBefore;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))];
  const rate = latencies.length / seconds;
  const perRequestMs = (micros: number) => micros / latencies.length / 1000;
  console.log(`\nGetSecretValue, ${label}: ${latencies.length} requests in ${seconds.toFixed(2)} s`);
  console.log(`  throughput ${rate.toFixed(0)} req/s (target ≥ 1,000)`);
  console.log(
    `  latency ms p50 ${pct(50).toFixed(2)}  p90 ${pct(90).toFixed(2)}  p99 ${pct(99).toFixed(2)} (target < 20)` +
      `  max ${latencies[latencies.length - 1].toFixed(2)}`,
  );
  console.log(
    `  CPU per request: server ${perRequestMs(serverMicros).toFixed(3)} ms, ` +
      `client ${perRequestMs(client.user + client.system).toFixed(3)} ms`,
  );
  console.log(
    `  load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  console.log(`  ${rate >= 1000 && pct(99) < 20 ? 'MEETS' : 'MISSES'} the target`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
