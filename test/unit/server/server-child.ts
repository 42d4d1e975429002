// Child process for the server load test: a local Secrets Manager server over a memory store, so its memory
// is measured apart from the test's own attacking sockets. Each stdin line asks for its memory so far.
import { startSecretsServer } from '../../../src/core/server/index';
import { MemoryStore } from '../../../src/core/store/index';

void (async () => {
  const store = new MemoryStore();
  await store.createSecret({ name: 'load/db', secretString: process.env.LOAD_SECRET_VALUE ?? '' });
  const server = await startSecretsServer({ store });
  const { endpoint, accessKeyId, secretAccessKey } = server;
  process.stdout.write(JSON.stringify({ endpoint, accessKeyId, secretAccessKey }) + '\n');
  process.stdin.setEncoding('utf8').on('data', () => {
    const { maxRSS } = process.resourceUsage();
    const report = { rssBytes: process.memoryUsage().rss, peakRssBytes: maxRSS * 1024 };
    process.stdout.write(JSON.stringify(report) + '\n');
  });
  process.stdin.on('end', () => void server.close().then(() => process.exit(0)));
})();
