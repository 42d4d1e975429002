// A scan pool's worker thread (bundled as dist/scan-worker.js): claims files one at a time from the shared
// counter, runs the pipeline's per-file step, and sends back what is worth sending in one message.
import { parentPort, workerData } from 'node:worker_threads';
import { scanOneFile } from './pipeline';
import { FileReader } from './read';
import { claimNext, compactOutcome, type ShardTask, type WorkerSetup } from './shard';

const setup = workerData as WorkerSetup;
const reader = new FileReader(setup.maxBytes);
parentPort!.once('message', (task: ShardTask) => {
  const results: [number, ReturnType<typeof compactOutcome>][] = [];
  for (let i = claimNext(setup.counter); i < task.entries.length; i = claimNext(setup.counter)) {
    const entry = task.entries[i];
    results.push([i, compactOutcome(scanOneFile(reader, entry, task.configPaths[i], setup.config))]);
  }
  parentPort!.postMessage(results);
});
