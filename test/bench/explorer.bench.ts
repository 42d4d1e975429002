// Explorer scale: 5,000 secrets listed through "Load more" paging from the local Secrets Manager server, by the
// tree's own data layer (ExplorerModel), over the real AWS store (SDK + SigV4 + HTTP). Prints figures.
//   npm run bench explorer
import { performance, monitorEventLoopDelay } from 'node:perf_hooks';
import { createAwsStore } from '../../src/core/aws/index';
import { startSecretsServer } from '../../src/core/server/index';
import { EngineStore, SecretsEngine, emptyState } from '../../src/core/store/index';
import { ConnectionManager } from '../../src/vscode/connections/connection-manager';
import { ExplorerModel } from '../../src/vscode/tree/explorer-model';
import { present } from '../../src/vscode/tree/presentation';
import { escapeMarkdown } from '../../src/core/explorer/present';
import { rotationBadge } from '../../src/core/posture/rotation-badge';
import { listedRotationHealth } from '../../src/core/posture/rotation-health';
import type { ExplorerNode } from '../../src/vscode/tree/nodes';

const total = 5000;

/** An engine-backed store without MemoryStore's copy-on-write, so seeding 5,000 secrets stays fast. */
class SeedableStore extends EngineStore {
  readonly engine = new SecretsEngine(emptyState(), { region: 'us-east-1' });
  protected async read<T>(fn: (engine: SecretsEngine) => T): Promise<T> {
    return fn(this.engine);
  }
  protected async write<T>(fn: (engine: SecretsEngine) => T): Promise<T> {
    return fn(this.engine);
  }
}

async function main(): Promise<void> {
  const backing = new SeedableStore();
  for (let i = 0; i < total; i++) {
    backing.engine.createSecret({
      name: `team-${i % 50}/service-${i % 7}/secret-${String(i).padStart(4, '0')}`,
      secretString: `bench-${i}-${Math.random().toString(36).slice(2)}`,
      description: `Benchmark secret ${i}`,
      tags: [{ key: 'team', value: String(i % 50) }],
    });
  }
  const server = await startSecretsServer({ store: backing, port: 0 });
  const env = {
    AWS_ACCESS_KEY_ID: server.accessKeyId,
    AWS_SECRET_ACCESS_KEY: server.secretAccessKey,
    AWS_CONFIG_FILE: '/nonexistent',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
  };
  const store = await createAwsStore({ endpoint: server.endpoint, region: server.region }, { env });
  const connections = new ConnectionManager({
    readSettings: () => [{ profile: 'bench', region: server.region, endpoint: server.endpoint }],
    writeSettings: async () => undefined,
    openLocalVault: async () => backing,
    openAws: async () => store,
  });
  const model = new ExplorerModel(
    { connections, localVaultExists: async () => true, logError: (op, e) => console.error(op, e) },
    { pageSize: 100, groupByFolder: false, showDeprecated: false },
  );

  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const awsNode = (await model.getChildren()).find((n) => n.kind === 'connection' && n.connection.kind === 'aws')!;

  // Cold: the first expansion, including the SDK's first request (connection set-up, credential resolution).
  let t = performance.now();
  let nodes = await model.getChildren(awsNode);
  const coldFirstPage = performance.now() - t;

  // Warm: what "Refresh" costs, and what every later first page costs.
  const warm: number[] = [];
  for (let i = 0; i < 10; i++) {
    model.refresh(awsNode.id);
    t = performance.now();
    nodes = await model.getChildren(awsNode);
    warm.push(performance.now() - t);
  }

  const pageTimes: number[] = [];
  t = performance.now();
  while (nodes.at(-1)?.kind === 'loadMore') {
    const started = performance.now();
    const more = nodes.at(-1) as Extract<ExplorerNode, { kind: 'loadMore' }>;
    await model.loadMore(more.connectionId);
    nodes = await model.getChildren(awsNode);
    pageTimes.push(performance.now() - started);
  }
  const allPages = performance.now() - t;
  const listed = nodes.filter((n) => n.kind === 'secret').length;

  model.setOptions({ groupByFolder: true });
  t = performance.now();
  const folders = await model.getChildren(awsNode);
  const grouping = performance.now() - t;
  delay.disable();

  // Every row as VS Code asks for it (it asks only for the rows on screen): label, description, tooltip, icon,
  // and of that the rotation health badge alone (from the listing entry)
  const secrets = nodes.filter((n): n is Extract<ExplorerNode, { kind: 'secret' }> => n.kind === 'secret');
  t = performance.now();
  for (const node of secrets) present(node, model);
  const drawing = performance.now() - t;
  t = performance.now();
  for (const node of secrets) rotationBadge(listedRotationHealth(node.secret, new Date()), escapeMarkdown);
  const badges = performance.now() - t;

  const sorted = [...pageTimes].sort((a, b) => a - b);
  const ms = (n: number) => `${n.toFixed(1)} ms`;
  console.log(`secrets listed through paging: ${listed} of ${total} (${pageTimes.length + 1} pages of 100)`);
  console.log(`first page, cold (first request of the connection): ${ms(coldFirstPage)}   [bar: < 500 ms]`);
  console.log(`first page, warm (after Refresh): median ${ms(median(warm))}, max ${ms(Math.max(...warm))}`);
  console.log(
    `each "Load more": median ${ms(median(sorted))}, p95 ${ms(sorted[Math.floor(sorted.length * 0.95)])}, max ${ms(sorted.at(-1)!)}`,
  );
  console.log(`all ${total} secrets: ${ms(allPages + coldFirstPage)}`);
  console.log(`presenting all ${listed} rows: ${ms(drawing)}, of which rotation health badges ${ms(badges)}`);
  console.log(`grouping ${listed} secrets into ${folders.length} top-level folders: ${ms(grouping)}`);
  console.log(
    `longest event-loop block during all of it: ${ms(delay.max / 1e6)} (the UI stays responsive between pages)`,
  );
  if (listed !== total) process.exitCode = 1;

  store.destroy();
  await server.close();
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
