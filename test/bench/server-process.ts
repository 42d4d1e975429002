// Child process for server.bench.ts: a local Secrets Manager server over a memory store, on its own core.
import { startSecretsServer } from '../../src/core/server/index';
import { MemoryStore } from '../../src/core/store/index';

void (async () => {
  const store = new MemoryStore();
  const value = JSON.parse(process.env.BENCH_SECRET_VALUE ?? '""') as string;
  await store.createSecret({ name: 'bench/db', secretString: value });
  const server = await startSecretsServer({ store });
  process.stdout.write(
    JSON.stringify({
      endpoint: server.endpoint,
      accessKeyId: server.accessKeyId,
      secretAccessKey: server.secretAccessKey,
    }) + '\n',
  );
  const stop = () => void server.close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.stdin.on('end', stop);
  // Each line on stdin asks for the CPU time used so far (µs), so the bench can report CPU per request.
  process.stdin.setEncoding('utf8').on('data', () => {
    const { user, system } = process.cpuUsage();
    process.stdout.write(JSON.stringify({ cpuMicros: user + system }) + '\n');
  });
})();
