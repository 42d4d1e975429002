// Vault files crafted byte by byte (issue #26). The test has its own codec for format v2 (node:crypto, as
// docs/vault.md describes it; the index is the chunk with bucket 256): it unwraps the raw-key slot, derives the content keys, decrypts and re-encrypts
// chunks and re-MACs the header, i.e. it acts as a key holder building files the app must still refuse. Every
// check goes through the public VaultStore, so it survives refactors of the format code.
import { strict as assert } from 'node:assert';
import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  hkdfSync,
  randomBytes,
  scryptSync,
} from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { VaultStore, generateRawVaultKey, type VaultKey } from '../../../src/core/vault/index';
import { checkScryptParams, scryptCeiling, scryptFloor } from '../../../src/core/vault/keys';
import { withTempDir } from './helpers';

const magic = Buffer.from('\x89SWVAULT', 'latin1');
const indexBucket = 256;
const preludeBytes = 14;

interface Chunk {
  bucket: number;
  nonce: string;
  tag: string;
  length: number;
}
interface Header {
  cipher: string;
  compression: string;
  vaultId: string;
  generation: number;
  slots: Array<Record<string, unknown> & { kind: string; salt: string; nonce: string; wrappedKey: string }>;
  chunks: Chunk[];
}
interface Decoded {
  header: Header;
  /** Ciphertext per chunk, in table order. */
  bodies: Buffer[];
}

const hkdf = (key: Buffer, salt: Buffer, info: string) => Buffer.from(hkdfSync('sha256', key, salt, info, 32));

function decode(bytes: Buffer): Decoded {
  assert.ok(bytes.subarray(0, 8).equals(magic));
  const headerLength = bytes.readUInt32BE(10);
  const header = JSON.parse(bytes.subarray(preludeBytes, preludeBytes + headerLength).toString('utf8')) as Header;
  let offset = preludeBytes + headerLength + 64;
  const bodies = header.chunks.map((c) => {
    const body = bytes.subarray(offset, offset + c.length);
    offset += c.length;
    return Buffer.from(body);
  });
  return { header, bodies };
}

/** Prelude + header + SHA-256 + HMAC(macKey) + bodies, as a key holder writes it. */
function encode(header: Header, bodies: Buffer[], macKey: Buffer, trailing = Buffer.alloc(0)): Buffer {
  const json = Buffer.from(JSON.stringify(header), 'utf8');
  const prelude = Buffer.alloc(preludeBytes);
  magic.copy(prelude);
  prelude.writeUInt16BE(2, 8);
  prelude.writeUInt32BE(json.length, 10);
  const checksum = createHash('sha256').update(prelude).update(json).digest();
  const mac = createHmac('sha256', macKey).update(prelude).update(json).digest();
  return Buffer.concat([prelude, json, checksum, mac, ...bodies, trailing]);
}

const slotAad = (vaultId: string, salt: string) => Buffer.from(`swvault-slot-v1|${vaultId}|raw|hkdf-sha256|${salt}`);
const chunkAad = (vaultId: string, bucket: number) => Buffer.from(`swvault-chunk-v1|${vaultId}|${bucket}`);

function unwrapRawSlot(header: Header, rawKey: Buffer): Buffer {
  const slot = header.slots.find((s) => s.kind === 'raw')!;
  const kek = hkdf(rawKey, Buffer.from(slot.salt, 'base64'), 'secrets-workbench vault raw-key slot v1');
  const wrapped = Buffer.from(slot.wrappedKey, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', kek, Buffer.from(slot.nonce, 'base64'));
  decipher.setAAD(slotAad(header.vaultId, slot.salt));
  decipher.setAuthTag(wrapped.subarray(32));
  return Buffer.concat([decipher.update(wrapped.subarray(0, 32)), decipher.final()]);
}

function wrapRawSlot(vaultId: string, rawKey: Buffer, dataKey: Buffer) {
  const salt = randomBytes(32).toString('base64');
  const kek = hkdf(rawKey, Buffer.from(salt, 'base64'), 'secrets-workbench vault raw-key slot v1');
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', kek, nonce);
  cipher.setAAD(slotAad(vaultId, salt));
  const wrapped = Buffer.concat([cipher.update(dataKey), cipher.final(), cipher.getAuthTag()]);
  return { kind: 'raw', salt, nonce: nonce.toString('base64'), wrappedKey: wrapped.toString('base64') };
}

function contentKeys(dataKey: Buffer) {
  const empty = Buffer.alloc(0);
  return {
    encryption: hkdf(dataKey, empty, 'secrets-workbench vault chunks v1'),
    mac: hkdf(dataKey, empty, 'secrets-workbench vault header v1'),
  };
}

function decryptBody(vaultId: string, chunk: Chunk, body: Buffer, key: Buffer): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(chunk.nonce, 'base64'));
  decipher.setAAD(chunkAad(vaultId, chunk.bucket));
  decipher.setAuthTag(Buffer.from(chunk.tag, 'base64'));
  return inflateRawSync(Buffer.concat([decipher.update(body), decipher.final()]));
}

function encryptBody(vaultId: string, bucket: number, compressed: Buffer, key: Buffer): { chunk: Chunk; body: Buffer } {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(chunkAad(vaultId, bucket));
  const body = Buffer.concat([cipher.update(compressed), cipher.final()]);
  const chunk = {
    bucket,
    nonce: nonce.toString('base64'),
    tag: cipher.getAuthTag().toString('base64'),
    length: body.length,
  };
  return { chunk, body };
}

let bomb: Buffer | undefined;
/** A valid, empty bucket ("[" + spaces + "]") that inflates to 256 MiB + 2 bytes; built once per process. */
function compressedBomb(): Buffer {
  if (!bomb) {
    const plain = Buffer.alloc(256 * 1024 * 1024 + 2, 0x20);
    plain[0] = 0x5b;
    plain[plain.length - 1] = 0x5d;
    bomb = deflateRawSync(plain, { level: 1 });
  }
  return bomb;
}

describe('vault format: files crafted byte by byte', function () {
  this.timeout(60_000);
  const rawKey = generateRawVaultKey();
  const key: VaultKey = { kind: 'raw', key: rawKey };
  let dir: string;
  let cleanup: () => Promise<void>;
  let original: Buffer;
  let decoded: Decoded;
  let dataKey: Buffer;
  let keys: { encryption: Buffer; mac: Buffer };
  let counter = 0;

  before(async () => {
    ({ dir, cleanup } = await withTempDir());
    // Buckets are keyed by each vault's random data key: about 1 vault in 40 puts one of these six secrets in
    // bucket 0, which the bucket-0 boundary test below needs free. Make another vault then.
    for (let attempt = 0; ; attempt++) {
      const path = join(dir, `source-${attempt}.swv`);
      const store = await VaultStore.create(path, key);
      for (let i = 0; i < 6; i++) await store.createSecret({ name: `format/s${i}`, secretString: `synthetic-${i}` });
      store.close();
      original = await readFile(path);
      decoded = decode(original);
      if (!decoded.header.chunks.some((c) => c.bucket === 0) || attempt === 20) break;
    }
    dataKey = unwrapRawSlot(decoded.header, rawKey);
    keys = contentKeys(dataKey);
  });
  after(() => cleanup());

  const clone = (): Header => JSON.parse(JSON.stringify(decoded.header)) as Header;

  /** Writes `bytes` and opens + reads everything; returns the VaultError code and message, or undefined if it opened. */
  async function openBytes(bytes: Buffer): Promise<{ code: string; message: string } | undefined> {
    const path = join(dir, `crafted-${++counter}.swv`);
    await writeFile(path, bytes);
    try {
      const store = await VaultStore.open(path, key);
      try {
        for (const s of (await store.listSecrets()).secrets) await store.getSecretValue({ secretId: s.name });
      } finally {
        store.close();
      }
      return undefined;
    } catch (error) {
      const { code, message } = error as { code: string; message: string };
      return { code, message };
    }
  }

  async function assertRefused(bytes: Buffer, code: string, message: string | RegExp) {
    const refusal = await openBytes(bytes);
    assert.ok(refusal, 'the crafted file opened');
    assert.equal(refusal.code, code, refusal.message);
    if (typeof message === 'string') assert.equal(refusal.message, message);
    else assert.match(refusal.message, message);
  }

  it('the codec reproduces the file: re-encoding the decoded parts opens with every secret', async () => {
    assert.ok(decoded.header.chunks.length >= 3, 'several buckets');
    assert.equal(decoded.header.cipher, 'AES-256-GCM');
    assert.equal(decoded.header.compression, 'deflate-raw');
    const again = encode(decoded.header, decoded.bodies, keys.mac);
    assert.ok(again.equals(original), 'byte for byte the file the app wrote');
    const names = decoded.header.chunks.flatMap((c, i) =>
      c.bucket === indexBucket
        ? []
        : (
            JSON.parse(decryptBody(decoded.header.vaultId, c, decoded.bodies[i], keys.encryption).toString()) as {
              name: string;
            }[]
          ).map((r) => r.name),
    );
    assert.deepEqual(
      names.sort(),
      [0, 1, 2, 3, 4, 5].map((i) => `format/s${i}`),
    );
    assert.equal(await openBytes(again), undefined);
  });

  it('refuses trailing data after the last chunk', async () => {
    for (const extra of [Buffer.from([0]), randomBytes(100)]) {
      await assertRefused(
        encode(decoded.header, decoded.bodies, keys.mac, extra),
        'Tampered',
        'The vault file has unexpected trailing data.',
      );
    }
  });

  it('refuses a chunk table listing a bucket twice (even with a valid header MAC)', async () => {
    const header = clone();
    header.chunks.push({ ...header.chunks[0] });
    await assertRefused(
      encode(header, [...decoded.bodies, decoded.bodies[0]], keys.mac),
      'Corrupt',
      'The vault header is not in the expected shape.',
    );
  });

  it("binds each chunk to its bucket: swapping two chunks' buckets in the table fails authentication", async () => {
    const header = clone();
    [header.chunks[0].bucket, header.chunks[1].bucket] = [header.chunks[1].bucket, header.chunks[0].bucket];
    await assertRefused(
      encode(header, decoded.bodies, keys.mac),
      'Tampered',
      'The vault contents failed authentication: the file was damaged or modified.',
    );
  });

  it('binds each chunk to the vault id: chunks moved under another vault id fail authentication', async () => {
    const header = clone();
    header.vaultId = randomBytes(16).toString('hex');
    header.slots = [wrapRawSlot(header.vaultId, rawKey, dataKey)]; // a slot that opens the renamed vault
    await assertRefused(
      encode(header, decoded.bodies, keys.mac),
      'Tampered',
      'The vault contents failed authentication: the file was damaged or modified.',
    );
  });

  it('binds each key slot to the vault id: a slot copied into another vault does not open it', async () => {
    const header = clone();
    header.vaultId = randomBytes(16).toString('hex');
    // Everything else re-encrypted for the new id, so only the slot's binding is left to notice.
    const moved = decoded.header.chunks.map((c, i) => {
      const compressed = deflateRawSync(decryptBody(decoded.header.vaultId, c, decoded.bodies[i], keys.encryption));
      return encryptBody(header.vaultId, c.bucket, compressed, keys.encryption);
    });
    header.chunks = moved.map((m) => m.chunk);
    const bytes = encode(
      header,
      moved.map((m) => m.body),
      keys.mac,
    );
    await assertRefused(bytes, 'WrongKey', 'The vault key does not open this vault.');
    // The same file with a slot wrapped for its own id opens: the slot binding was the only difference.
    header.slots = [wrapRawSlot(header.vaultId, rawKey, dataKey)];
    assert.equal(
      await openBytes(
        encode(
          header,
          moved.map((m) => m.body),
          keys.mac,
        ),
      ),
      undefined,
    );
  });

  it('refuses a chunk that inflates beyond 256 MiB (decompression bomb), authentic or not', async function () {
    this.timeout(120_000);
    const compressed = compressedBomb();
    assert.ok(compressed.length < 2 * 1024 * 1024);
    const header = clone();
    const { chunk, body } = encryptBody(header.vaultId, header.chunks[0].bucket, compressed, keys.encryption);
    header.chunks[0] = chunk;
    await assertRefused(
      encode(header, [body, ...decoded.bodies.slice(1)], keys.mac),
      'Corrupt',
      'The vault contents are authentic but could not be decompressed.',
    );
  });

  it('refuses chunks whose records sit in the wrong bucket or repeat a name', async () => {
    const header = clone();
    const data = decoded.header.chunks.filter((c) => c.bucket !== indexBucket).length; // the index comes last
    const plain = decoded.header.chunks
      .slice(0, data)
      .map((c, i) =>
        JSON.parse(decryptBody(decoded.header.vaultId, c, decoded.bodies[i], keys.encryption).toString()),
      ) as unknown[][];
    const rebuilt = (records: unknown[][]) => {
      const parts = records.map((r, i) =>
        encryptBody(
          header.vaultId,
          header.chunks[i].bucket,
          deflateRawSync(Buffer.from(JSON.stringify(r))),
          keys.encryption,
        ),
      );
      const h = { ...header, chunks: [...parts.map((p) => p.chunk), header.chunks[data]] };
      return encode(h, [...parts.map((p) => p.body), decoded.bodies[data]], keys.mac);
    };
    const misplaced = plain.map((r) => [...r]);
    misplaced[0].push(...misplaced[1].splice(0));
    await assertRefused(
      rebuilt(misplaced),
      'Corrupt',
      'The vault contents are authentic but inconsistent (misplaced secret).',
    );
    const repeated = plain.map((r) => [...r]);
    repeated[0].push(repeated[0][0]);
    await assertRefused(
      rebuilt(repeated),
      'Corrupt',
      'The vault contents are authentic but inconsistent (misplaced secret).',
    );
    assert.equal(await openBytes(rebuilt(plain)), undefined);
  });

  it('refuses a header that is not well formed, before any key is used', async () => {
    const shape = 'The vault header is not in the expected shape.';
    const edits: Array<(h: Header & Record<string, unknown>) => void> = [
      (h) => (h.cipher = 'AES-128-GCM'),
      (h) => (h.compression = 'gzip'),
      (h) => (h.vaultId = 7 as unknown as string),
      (h) => (h.generation = 1.5),
      (h) => (h.slots = {} as never),
      (h) => (h.chunks = {} as never),
      (h) => (h.chunks[0].bucket = 256),
      (h) => (h.chunks[0].bucket = -1),
      (h) => (h.chunks[0].bucket = 1.5),
      (h) => (h.chunks[0].length = -1),
      (h) => (h.chunks[0].nonce = 1 as unknown as string),
      (h) => (h.chunks[0].tag = null as unknown as string),
      (h) => (h.chunks[0] = null as unknown as Chunk),
      (h) => (h.slots[0].kind = 'other'),
      (h) => (h.slots[0].salt = 1 as unknown as string),
      (h) => (h.slots[0].nonce = 1 as unknown as string),
      (h) => (h.slots[0].wrappedKey = 1 as unknown as string),
      (h) =>
        h.slots.push({
          kind: 'passphrase',
          salt: 1 as unknown as string,
          nonce: 'b',
          wrappedKey: 'c',
          kdf: { name: 'scrypt', N: 1, r: 1, p: 1 },
        }),
      (h) =>
        h.slots.push({
          kind: 'other',
          salt: 'a',
          nonce: 'b',
          wrappedKey: 'c',
          kdf: { name: 'scrypt', N: 1, r: 1, p: 1 },
        }),
      (h) => (h.slots[0] = null as never),
      (h) =>
        h.slots.push({
          kind: 'passphrase',
          salt: 'a',
          nonce: 'b',
          wrappedKey: 'c',
          kdf: { name: 'argon2', N: 1, r: 1, p: 1 },
        }),
      (h) =>
        h.slots.push({
          kind: 'passphrase',
          salt: 'a',
          nonce: 'b',
          wrappedKey: 'c',
          kdf: { name: 'scrypt', N: 1, r: '8', p: 1 },
        }),
      (h) => h.slots.push({ kind: 'passphrase', salt: 'a', nonce: 'b', wrappedKey: 'c', kdf: null }),
      (h) => h.slots.push({ kind: 'passphrase', salt: 'a', nonce: 'b', wrappedKey: 'c' }),
    ];
    for (const [i, edit] of edits.entries()) {
      const header = clone() as Header & Record<string, unknown>;
      edit(header);
      const refusal = await openBytes(encode(header, decoded.bodies, keys.mac));
      assert.deepEqual(refusal, { code: 'Corrupt', message: shape }, `edit ${i}`);
    }
    const notJson = encode(decoded.header, decoded.bodies, keys.mac);
    notJson[preludeBytes] = 0x7b + 1; // '|' instead of '{'
    const bad = Buffer.from(notJson);
    const headerEnd = preludeBytes + bad.readUInt32BE(10);
    createHash('sha256').update(bad.subarray(0, headerEnd)).digest().copy(bad, headerEnd);
    await assertRefused(bad, 'Corrupt', 'The vault header is not readable.');
  });

  it('accepts an empty chunk for bucket 0 (the lowest bucket)', async () => {
    assert.ok(!decoded.header.chunks.some((c) => c.bucket === 0), 'bucket 0 is free in this vault');
    const header = clone();
    const { chunk, body } = encryptBody(header.vaultId, 0, deflateRawSync(Buffer.from('[]')), keys.encryption);
    header.chunks.push(chunk);
    assert.equal(await openBytes(encode(header, [...decoded.bodies, body], keys.mac)), undefined);
  });

  it('keeps the cryptographic failure as the cause of a refusal', async () => {
    const header = clone();
    [header.chunks[0].bucket, header.chunks[1].bucket] = [header.chunks[1].bucket, header.chunks[0].bucket];
    const path = join(dir, `cause-${++counter}.swv`);
    await writeFile(path, encode(header, decoded.bodies, keys.mac));
    const store = await VaultStore.open(path, key).catch((error: unknown) => error);
    const error = store instanceof VaultStore ? await store.listSecrets().catch((e: unknown) => e) : store;
    if (store instanceof VaultStore) store.close();
    assert.equal((error as { code: string }).code, 'Tampered');
    assert.ok((error as Error).cause instanceof Error, 'the GCM failure is kept as the cause');
    const bombHeader = clone();
    const bomb = encryptBody(bombHeader.vaultId, bombHeader.chunks[0].bucket, compressedBomb(), keys.encryption);
    bombHeader.chunks[0] = bomb.chunk;
    await writeFile(path, encode(bombHeader, [bomb.body, ...decoded.bodies.slice(1)], keys.mac));
    const bombStore = await VaultStore.open(path, key).catch((e: unknown) => e);
    const bombError =
      bombStore instanceof VaultStore ? await bombStore.listSecrets().catch((e: unknown) => e) : bombStore;
    if (bombStore instanceof VaultStore) bombStore.close();
    assert.equal((bombError as { code: string }).code, 'Corrupt');
    assert.ok((bombError as Error).cause instanceof Error, 'the inflate failure is kept as the cause');
  });

  it('refuses a header that is JSON null or an array', async () => {
    for (const json of ['null', '[]', '"text"']) {
      const body = Buffer.from(json);
      const prelude = Buffer.alloc(preludeBytes);
      magic.copy(prelude);
      prelude.writeUInt16BE(1, 8);
      prelude.writeUInt32BE(body.length, 10);
      const checksum = createHash('sha256').update(prelude).update(body).digest();
      await assertRefused(
        Buffer.concat([prelude, body, checksum, randomBytes(32)]),
        'Corrupt',
        'The vault header is not in the expected shape.',
      );
    }
  });

  it('names the key problem: no slot of that kind, a raw key of the wrong size, a key that does not open it', async () => {
    const path = join(dir, `keys-${++counter}.swv`);
    await writeFile(path, original);
    await assert.rejects(VaultStore.open(path, { kind: 'passphrase', passphrase: 'synthetic-pass' }), {
      code: 'WrongKey',
      message: 'This vault has no passphrase slot.',
    });
    await assert.rejects(VaultStore.open(path, { kind: 'raw', key: randomBytes(16) }), {
      code: 'WrongKey',
      message: 'A raw vault key must be 32 bytes.',
    });
    await assert.rejects(VaultStore.open(path, { kind: 'raw', key: randomBytes(32) }), {
      code: 'WrongKey',
      message: 'The vault key does not open this vault.',
    });
  });

  it('checks only the slots of the key kind being used: a raw-key open ignores passphrase slots', async () => {
    const header = clone();
    const hostile = { kind: 'passphrase', salt: 'c2FsdA==', nonce: 'bm9uY2U=', wrappedKey: 'eA==' };
    header.slots.push({ ...hostile, kdf: { name: 'scrypt', N: 2 ** 30, r: 64, p: 16 } });
    assert.equal(await openBytes(encode(header, decoded.bodies, keys.mac)), undefined);
  });

  it('tells an empty, foreign, truncated, newer or oversized file apart', async () => {
    await assertRefused(Buffer.alloc(0), 'Corrupt', 'The vault file is empty (truncated).');
    await assertRefused(
      Buffer.from('{"not":"a vault"}'),
      'Corrupt',
      'This file is not a Secrets Workbench vault (unrecognised content).',
    );
    await assertRefused(original.subarray(0, 5), 'Corrupt', 'The vault file is truncated.');
    await assertRefused(original.subarray(0, 13), 'Corrupt', 'The vault file is truncated.');
    await assertRefused(original.subarray(0, 100), 'Corrupt', 'The vault file is truncated.');
    await assertRefused(original.subarray(0, original.length - 1), 'Corrupt', 'The vault file is truncated.');
    const newer = Buffer.from(original);
    newer.writeUInt16BE(3, 8);
    await assertRefused(
      newer,
      'UnsupportedVersion',
      'The vault file has format version 3; this app reads versions 1 to 2. Use a newer Secrets Workbench to open it.',
    );
    const huge = Buffer.from(original);
    huge.writeUInt32BE(4 * 1024 * 1024 + 1, 10);
    await assertRefused(huge, 'Tampered', 'The vault header is damaged or was modified.');
    const atLimit = Buffer.from(original);
    atLimit.writeUInt32BE(4 * 1024 * 1024, 10);
    await assertRefused(atLimit, 'Corrupt', 'The vault file is truncated.');
  });

  it('refuses a header whose MAC does not match (checksum recomputed), and a body with a bad tag', async () => {
    const header = clone();
    header.generation += 1;
    await assertRefused(
      encode(header, decoded.bodies, randomBytes(32)),
      'Tampered',
      'The vault header failed authentication: the file was damaged or modified.',
    );
    const shortTag = clone();
    shortTag.chunks[0].tag = Buffer.from(shortTag.chunks[0].tag, 'base64').subarray(0, 12).toString('base64');
    await assertRefused(
      encode(shortTag, decoded.bodies, keys.mac),
      'Tampered',
      'The vault contents failed authentication: the file was damaged or modified.',
    );
  });
});

describe('vault keys: scrypt parameters are checked before any work', () => {
  const refuses = (N: number, r: number, p: number, message: RegExp) =>
    assert.throws(
      () => checkScryptParams({ N, r, p }),
      (error: unknown) =>
        (error as { code: string }).code === 'UnsafeKdfParameters' && message.test((error as Error).message),
      `N=${N} r=${r} p=${p}`,
    );
  const malformed = /^The vault key slot has malformed scrypt parameters\.$/;
  const below =
    /below the minimum \(N=\d+, r=\d+, p=\d+; at least N=131072, r=8, p=1\)\. Refusing a possible downgrade\.$/;
  const above =
    /above the maximum this app accepts \(N=\d+, r=\d+, p=\d+\)\. Refusing to spend that much memory and time\.$/;

  it('accepts the floor, the ceiling of each, and the largest memory allowed', () => {
    assert.deepEqual(scryptFloor, { N: 2 ** 17, r: 8, p: 1 });
    assert.deepEqual({ ...scryptCeiling }, { N: 2 ** 20, r: 16, p: 4, memoryBytes: 1024 ** 3 });
    checkScryptParams({ N: 2 ** 17, r: 8, p: 1 });
    checkScryptParams({ N: 2 ** 20, r: 8, p: 4 }); // exactly 1 GiB
    checkScryptParams({ N: 2 ** 17, r: 16, p: 4 });
  });

  it('refuses N that is not a power of two, and non-integers or non-positive values', () => {
    refuses(2 ** 17 + 2, 8, 1, malformed);
    refuses(3 * 2 ** 17, 8, 1, malformed);
    refuses(2 ** 17, 8.5, 1, malformed);
    refuses(2 ** 17, 8, 0, malformed);
    refuses(2 ** 17, 0, 1, malformed);
    refuses(0, 8, 1, malformed);
    refuses(-(2 ** 17), 8, 1, malformed);
    refuses(2 ** 17, 8, Number.NaN, malformed);
  });

  it('refuses parameters below the floor (a downgrade), naming them', () => {
    refuses(2 ** 16, 8, 1, below);
    refuses(2 ** 17, 7, 1, below);
    assert.throws(() => checkScryptParams({ N: 2 ** 16, r: 8, p: 1 }), /\(N=65536, r=8, p=1; at least/);
  });

  it('refuses N, r or p above the ceiling, and memory (128·N·r) above 1 GiB', () => {
    refuses(2 ** 21, 8, 1, above);
    refuses(2 ** 17, 17, 1, above);
    refuses(2 ** 17, 8, 5, above);
    refuses(2 ** 20, 9, 1, above); // each within bounds, memory 1.125 GiB
    refuses(2 ** 20, 16, 1, above);
    assert.throws(() => checkScryptParams({ N: 2 ** 17, r: 17, p: 1 }), /\(N=131072, r=17, p=1\)/);
  });

  it('checks every passphrase slot before deriving any key: a hostile second slot refuses the open', async function () {
    this.timeout(60_000);
    const { dir, cleanup } = await withTempDir();
    try {
      const path = join(dir, 'v.swv');
      const passphrase = { kind: 'passphrase', passphrase: 'synthetic passphrase for a test' } as const;
      const store = await VaultStore.create(path, passphrase);
      store.close();
      const bytes = await readFile(path);
      const { header, bodies } = decode(bytes);
      // The slot is wrapped under scrypt(N=2^17, r=8, p=1) of the NFC passphrase, bound to this vault and its
      // parameters: unwrapped here with node:crypto alone.
      const slot = header.slots[0] as Record<string, unknown> & { salt: string; nonce: string; wrappedKey: string };
      assert.deepEqual(slot.kdf, { name: 'scrypt', N: 2 ** 17, r: 8, p: 1 });
      const kek = scryptSync(passphrase.passphrase.normalize('NFC'), Buffer.from(slot.salt, 'base64'), 32, {
        N: 2 ** 17,
        r: 8,
        p: 1,
        maxmem: 256 * 1024 * 1024,
      });
      const wrapped = Buffer.from(slot.wrappedKey, 'base64');
      const decipher = createDecipheriv('aes-256-gcm', kek, Buffer.from(slot.nonce, 'base64'));
      decipher.setAAD(Buffer.from(`swvault-slot-v1|${header.vaultId}|passphrase|scrypt:131072:8:1|${slot.salt}`));
      decipher.setAuthTag(wrapped.subarray(32));
      const unwrapped = Buffer.concat([decipher.update(wrapped.subarray(0, 32)), decipher.final()]);
      assert.equal(unwrapped.length, 32);
      const hostile = { ...header.slots[0], kdf: { name: 'scrypt', N: 2 ** 17, r: 64, p: 1 } };
      header.slots.push(hostile);
      // The MAC is left stale: the slot check must come first, so the answer is about the KDF, not tampering.
      const json = Buffer.from(JSON.stringify(header));
      const prelude = Buffer.from(bytes.subarray(0, preludeBytes));
      prelude.writeUInt32BE(json.length, 10);
      const checksum = createHash('sha256').update(prelude).update(json).digest();
      const oldMac = bytes.subarray(
        preludeBytes + bytes.readUInt32BE(10) + 32,
        preludeBytes + bytes.readUInt32BE(10) + 64,
      );
      await writeFile(path, Buffer.concat([prelude, json, checksum, oldMac, ...bodies]));
      await assert.rejects(VaultStore.open(path, passphrase), (error: unknown) => {
        assert.equal((error as { code: string }).code, 'UnsafeKdfParameters', String(error));
        return true;
      });
      await writeFile(path, bytes);
      await assert.rejects(VaultStore.open(path, { kind: 'passphrase', passphrase: 'another synthetic one' }), {
        code: 'WrongKey',
        message: 'Wrong passphrase for this vault.',
      });
      await assert.rejects(VaultStore.open(path, { kind: 'raw', key: generateRawVaultKey() }), {
        code: 'WrongKey',
        message: 'This vault has no raw-key slot.',
      });
    } finally {
      await cleanup();
    }
  });
});
