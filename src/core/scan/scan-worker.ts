// A scan pool's worker thread (bundled as dist/scan-worker.js): claims files one at a time from the shared
// counter, runs the pipeline's per-file step, and sends back what is worth sending in one message.
import { parentPort, workerData } from 'node:worker_threads';
import { usePrefilterTableStore } from '../detection/prefilter';
import { scanOneFile } from './pipeline';
import { loadPostureLint, type PostureLint } from './posture-loader';
import { fileTableStore } from './prefilter-cache';
import { FileReader } from './read';
import { claimNext, compactOutcome, type ShardTask, type WorkerSetup } from './shard';

const setup = workerData as WorkerSetup;
if (setup.prefilterCacheDir) usePrefilterTableStore(fileTableStore(setup.prefilterCacheDir));
const reader = new FileReader(setup.maxBytes);
// loaded while this thread waits for its task (a failure ends the worker: its files are rescanned by the pool)
const postureLoaded = setup.posture ? loadPostureLint() : Promise.resolve(undefined);
parentPort!.once('message', (task: ShardTask) => void postureLoaded.then((posture) => scanTask(task, posture)));

function scanTask(task: ShardTask, posture: PostureLint | undefined): void {
  const results: [number, ReturnType<typeof compactOutcome>][] = [];
  for (let i = claimNext(setup.counter); i < task.entries.length; i = claimNext(setup.counter)) {
    const entry = task.entries[i];
    results.push([i, compactOutcome(scanOneFile(reader, entry, task.configPaths[i], setup.config, posture))]);
  }
  parentPort!.postMessage(results);
}
