// Reads files on a second thread while this one scans: on a 2-CPU machine a scan pool loses (each worker loads
// the engine and warms it up again), but the reads (open, read, close: a third of a many-small-files scan) can
// overlap the scanning. The thread fills shared slots in walk order; this thread decodes and scans them. It only
// ever speeds things up: until the thread is ready, for a file that does not fit a slot or could not be read
// there, and after any stall, this thread reads the file itself, so every outcome is what FileReader gives.
import { Worker } from 'node:worker_threads';
import { FileReader, type ReadOutcome } from './read';

/** What scanOneFile reads through: a FileReader or a ReadAhead. */
export interface TextReader {
  read(path: string, raw?: boolean): ReadOutcome;
}

/** Indexes into the shared control array; each slot has a `file` word (the index it holds, or -1) and a length. */
export const READY = 0;
export const HANDOFF = 1;
export const STOP = 2;
export const FIRST_SLOT = 3;

export interface ReadAheadSetup {
  control: Int32Array;
  data: SharedArrayBuffer;
  slots: number;
  slotBytes: number;
}

export interface ReadAheadOptions {
  maxBytes?: number;
  slots?: number;
  /** Files up to this size come from the thread; bigger ones are read here. */
  slotBytes?: number;
  /** How long to wait for one file before reading the rest here. */
  stallMs?: number;
}

export class ReadAhead implements TextReader {
  private readonly own: FileReader;
  private readonly worker: Worker;
  private readonly setup: ReadAheadSetup;
  private readonly data: Uint8Array;
  private readonly stallMs: number;
  private paths: readonly string[] = [];
  private next = 0;
  /** The first file index the thread reads (-1 until it is ready and handed the rest). */
  private from = -1;
  private stopped = false;
  /** Files whose bytes came from the thread. */
  delivered = 0;

  /** Starts the thread at once (it loads while the walk goes on); `start` then hands it the paths. */
  constructor(script: string, options: ReadAheadOptions = {}) {
    this.own = new FileReader(options.maxBytes);
    const slots = options.slots ?? 128;
    const slotBytes = options.slotBytes ?? 64 * 1024;
    const control = new Int32Array(new SharedArrayBuffer(4 * (FIRST_SLOT + 2 * slots)));
    control.fill(-1, HANDOFF, HANDOFF + 1);
    control.fill(-1, FIRST_SLOT, FIRST_SLOT + slots);
    this.setup = { control, data: new SharedArrayBuffer(slots * slotBytes), slots, slotBytes };
    this.data = new Uint8Array(this.setup.data);
    this.stallMs = options.stallMs ?? 2000;
    this.worker = new Worker(script, { workerData: this.setup });
    this.worker.unref();
    this.worker.on('error', () => this.stop()); // a thread that failed to load never becomes ready
  }

  /** The paths `read` will be called with, in that order. */
  start(paths: readonly string[]): void {
    this.paths = paths;
    this.worker.postMessage(paths);
  }

  get ready(): boolean {
    return Atomics.load(this.setup.control, READY) === 1;
  }

  read(path: string, raw = false): ReadOutcome {
    const i = this.next++;
    if (this.paths[i] !== path) this.stop(); // called out of order: nothing the thread read can be trusted
    if (this.stopped) return this.own.read(path, raw);
    const { control, slots, slotBytes } = this.setup;
    if (this.from < 0) {
      if (!this.ready) return this.own.read(path, raw);
      this.from = i + 1; // this one is read here; the thread takes the next
      Atomics.store(control, HANDOFF, this.from);
      Atomics.notify(control, HANDOFF);
      return this.own.read(path, raw);
    }
    const slot = i % slots;
    const fileAt = FIRST_SLOT + slot;
    for (let held = Atomics.load(control, fileAt); held !== i; held = Atomics.load(control, fileAt))
      if (Atomics.wait(control, fileAt, held, this.stallMs) === 'timed-out') {
        this.stop();
        return this.own.read(path, raw);
      }
    const length = control[FIRST_SLOT + slots + slot];
    const start = slot * slotBytes;
    const outcome =
      length < 0 ? this.own.read(path, raw) : this.own.fromBytes(this.data.subarray(start, start + length), raw);
    if (length >= 0) this.delivered++;
    Atomics.store(control, fileAt, -1); // the outcome holds a copy: the slot is free
    Atomics.notify(control, fileAt);
    return outcome;
  }

  /** Ends the thread (also when it never got to read). */
  close(): void {
    this.stop();
    void this.worker.terminate();
  }

  private stop(): void {
    this.stopped = true;
    Atomics.store(this.setup.control, STOP, 1);
    Atomics.notify(this.setup.control, HANDOFF);
    for (let slot = 0; slot < this.setup.slots; slot++) Atomics.notify(this.setup.control, FIRST_SLOT + slot);
  }
}
