// Reads a file into one reused buffer with synchronous calls (open, read, close: no stat for a file that fits
// the buffer, no idle event-loop turns), then decodes it by its content: a byte-order mark picks UTF-8 or
// UTF-16 LE/BE, a NUL byte near the start marks it binary whatever its extension.
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import type { SkipInfo } from '../detection/index';
import { MAX_SCAN_FILE_BYTES } from '../policy';
import { fileError, type FileError } from './file-error';

/** How much of the start is searched for a NUL byte (as git does). */
const SNIFF_BYTES = 8000;
// a FIFO named in a tree must not block the scan; regular files ignore the flag
export const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

export type ReadOutcome = { text: string } | { skipped: SkipInfo } | { error: FileError };

export class FileReader {
  private buffer = Buffer.allocUnsafe(1 << 16);

  constructor(private readonly maxBytes = MAX_SCAN_FILE_BYTES) {}

  /** `raw`: a binary format the engine reads byte per character (key stores), never skipped as binary. */
  read(path: string, raw = false): ReadOutcome {
    let length: number;
    try {
      length = this.readBytes(path);
    } catch (error) {
      return { error: fileError(error) };
    }
    return this.fromBytes(this.buffer.subarray(0, length), raw);
  }

  /** The outcome for a file's bytes read elsewhere (the read-ahead thread), under this reader's size cap. */
  fromBytes(bytes: Uint8Array, raw = false): ReadOutcome {
    if (bytes.length > this.maxBytes)
      return { skipped: { reason: 'too-large', detail: `over ${this.maxBytes} bytes` } };
    return decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length), raw);
  }

  /** Reads the whole file into `buffer` (growing it), stopping once it holds more than maxBytes. */
  private readBytes(path: string): number {
    const fd = openSync(path, OPEN_FLAGS);
    try {
      let length = 0;
      for (;;) {
        if (length === this.buffer.length) {
          if (length > this.maxBytes) return length;
          // a file bigger than the buffer: one fstat sizes it, instead of copies at each doubling
          const size = fstatSync(fd).size + 1;
          const grown = Buffer.allocUnsafe(Math.min(Math.max(size, length * 2), this.maxBytes + 1));
          this.buffer.copy(grown, 0, 0, length);
          this.buffer = grown;
        }
        const room = this.buffer.length - length;
        const n = readSync(fd, this.buffer, length, room, null);
        length += n;
        // a short read of a regular file is its end: no second call just to be told so
        if (n === 0 || n < room) return length;
      }
    } finally {
      closeSync(fd);
    }
  }
}

/**
 * Reads a whole file into `slot`: its length, or -1 when it fills the slot (it may be bigger: read it with a
 * FileReader). Throws what openSync/readSync throw.
 */
export function readIntoSlot(path: string, slot: Uint8Array): number {
  const fd = openSync(path, OPEN_FLAGS);
  try {
    for (let length = 0; ;) {
      const room = slot.length - length;
      if (room === 0) return -1;
      const n = readSync(fd, slot, length, room, null);
      length += n;
      if (n === 0 || n < room) return length; // a short read of a regular file is its end, as in FileReader
    }
  } finally {
    closeSync(fd);
  }
}

/** The text of a file's bytes, or why it is not text. */
export function decode(bytes: Buffer, raw = false): { text: string } | { skipped: SkipInfo } {
  const n = bytes.length;
  if (raw) return { text: bytes.toString('latin1') };
  if (n >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return { text: bytes.toString('utf16le', 2, n - (n % 2)) };
  if (n >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    const swapped = Buffer.from(bytes.subarray(2, n - (n % 2))).swap16();
    return { text: swapped.toString('utf16le') };
  }
  if (bytes.subarray(0, SNIFF_BYTES).includes(0)) return { skipped: { reason: 'binary' } };
  const bom = n >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  return { text: bytes.toString('utf8', bom, n) };
}
