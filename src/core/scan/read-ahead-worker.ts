// The read-ahead thread (bundled as dist/read-ahead-worker.js; see read-ahead.ts): once handed its first
// index, it reads each file into the next free slot, in walk order, and says which file the slot holds.
import { parentPort, workerData } from 'node:worker_threads';
import { readIntoSlot } from './read';
import { FIRST_SLOT, HANDOFF, READY, STOP, type ReadAheadSetup } from './read-ahead';

const { control, data, slots, slotBytes } = workerData as ReadAheadSetup;
const bytes = new Uint8Array(data);
const stopped = () => Atomics.load(control, STOP) === 1;

parentPort!.once('message', (paths: string[]) => {
  Atomics.store(control, READY, 1);
  while (Atomics.load(control, HANDOFF) < 0 && !stopped()) Atomics.wait(control, HANDOFF, -1, 100);
  for (let i = Atomics.load(control, HANDOFF); i < paths.length && !stopped(); i++) {
    const slot = i % slots;
    const fileAt = FIRST_SLOT + slot;
    // The ring is full: sleep until half of it is free (the scan frees slots in order), not just this slot, or
    // each file would cost both threads a wake-up.
    const batchEnd = FIRST_SLOT + ((slot + (slots >> 1) - 1) % slots);
    for (let held = Atomics.load(control, fileAt); held !== -1; held = Atomics.load(control, fileAt)) {
      if (stopped()) return;
      const last = Atomics.load(control, batchEnd);
      if (last !== -1) Atomics.wait(control, batchEnd, last, 100);
      else Atomics.wait(control, fileAt, held, 100);
    }
    let length: number;
    try {
      length = readIntoSlot(paths[i], bytes.subarray(slot * slotBytes, (slot + 1) * slotBytes));
    } catch {
      length = -1; // the scan's own read reports why, exactly as without this thread
    }
    control[FIRST_SLOT + slots + slot] = length;
    Atomics.store(control, fileAt, i);
    Atomics.notify(control, fileAt);
  }
});
