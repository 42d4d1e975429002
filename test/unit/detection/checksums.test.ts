// Provider checksums against vectors computed by other implementations (Python's zlib.crc32, the BIP-173
// reference bech32): test/fixtures/checksums/generate.py wrote vectors.json, so the code is never its own oracle.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  BASE62,
  BECH32_ALPHABET,
  CHECKSUMS,
  base62Encode,
  bech32Checksum,
  crc32,
  hasValidBech32Checksum,
  hasValidCrc32Base62Checksum,
  hasValidGithubStyleChecksum,
  sha256Hex,
} from '../../../src/core/detection/checksums';

interface Vectors {
  crc32Base62: { body: string; crc32: number; checksum: string }[];
  bech32: { hrp: string; data: string; checksum: string }[];
  bech32Valid: string[];
  bech32Invalid: string[];
  crc32Base62Short: string;
}
const vectors = JSON.parse(
  readFileSync(join(__dirname, '..', '..', 'fixtures', 'checksums', 'vectors.json'), 'utf8'),
) as Vectors;

/** Replaces the character at `index` with another from the same alphabet (a one-character typo). */
function typo(text: string, index: number, alphabet: string): string {
  const i = index < 0 ? text.length + index : index;
  const next = alphabet[(alphabet.indexOf(text[i].toLowerCase()) + 1) % alphabet.length];
  return text.slice(0, i) + next + text.slice(i + 1);
}

describe('detection: provider checksums (independent vectors)', () => {
  it('has vectors whose checksum starts with 0 (what a missing padStart would break)', () => {
    assert.ok(vectors.crc32Base62.filter((v) => v.checksum.startsWith('0')).length >= 20);
    assert.ok(vectors.crc32Base62.some((v) => v.checksum.startsWith('00')));
  });

  it('computes CRC32 (IEEE) exactly as zlib does', () => {
    assert.equal(crc32(''), 0);
    assert.equal(crc32('123456789'), 0xcbf43926); // the standard CRC-32 check value
    for (const v of vectors.crc32Base62) assert.equal(crc32(v.body), v.crc32, v.body);
  });

  it('encodes base62 with the 0-9A-Za-z alphabet, zero-padded to the width', () => {
    assert.equal(BASE62, '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz');
    assert.equal(base62Encode(0, 6), '000000');
    assert.equal(base62Encode(61, 2), '0z');
    assert.equal(base62Encode(62, 1), '10');
    assert.equal(base62Encode(62 ** 3 - 1, 3), 'zzz');
    for (const v of vectors.crc32Base62) assert.equal(base62Encode(v.crc32, 6), v.checksum, v.body);
  });

  it('accepts GitHub/npm-style tokens whose last 6 characters are the CRC32 of the 30 before them', () => {
    for (const v of vectors.crc32Base62) {
      assert.ok(hasValidCrc32Base62Checksum(`npm_${v.body}${v.checksum}`), v.body);
      assert.ok(hasValidCrc32Base62Checksum(`${v.body}${v.checksum}`), 'exactly 36 characters is enough');
      assert.ok(hasValidGithubStyleChecksum(`ghp_${v.body}${v.checksum}`, 4), v.body);
      assert.ok(hasValidGithubStyleChecksum(`github_${v.body}${v.checksum}`, 7), v.body);
    }
  });

  it('refuses a token with one character changed in the checksum or the random part, or too short', () => {
    for (const v of vectors.crc32Base62) {
      const token = `ghp_${v.body}${v.checksum}`;
      for (const index of [-1, -6, 4, 33]) {
        assert.equal(hasValidCrc32Base62Checksum(typo(token, index, BASE62)), false, `${token} @${index}`);
        assert.equal(hasValidGithubStyleChecksum(typo(token, index, BASE62), 4), false, `${token} @${index}`);
      }
      assert.equal(hasValidGithubStyleChecksum(token, 3), false, 'the prefix is not part of the checksummed body');
      assert.equal(hasValidCrc32Base62Checksum(`${v.body}${v.checksum}`.slice(1)), false, '35 characters');
    }
    // 35 characters ending in the CRC32 of the 29 before them: the format needs 30 random characters.
    assert.equal(vectors.crc32Base62Short.length, 35);
    assert.equal(hasValidCrc32Base62Checksum(vectors.crc32Base62Short), false);
  });

  it('computes bech32 checksums exactly as the BIP-173 reference does, in either case', () => {
    assert.equal(BECH32_ALPHABET, 'qpzry9x8gf2tvdw0s3jn54khce6mua7l');
    for (const v of vectors.bech32) {
      assert.equal(bech32Checksum(v.hrp, v.data), v.checksum, `${v.hrp}1${v.data}`);
      assert.equal(bech32Checksum(v.hrp.toUpperCase(), v.data.toUpperCase()), v.checksum);
    }
  });

  it('verifies bech32 strings from the reference, lower or upper case, and refuses one-character typos', () => {
    for (const v of vectors.bech32) {
      const text = `${v.hrp}1${v.data}${v.checksum}`;
      assert.ok(hasValidBech32Checksum(text), text);
      assert.ok(hasValidBech32Checksum(text.toUpperCase()), text.toUpperCase());
      for (const index of [-1, -6, -7, v.hrp.length + 1]) {
        const broken = typo(text, index, BECH32_ALPHABET);
        assert.equal(hasValidBech32Checksum(broken), false, `${broken} (@${index})`);
      }
      const hrpTypo = `${v.hrp.slice(0, -1)}${v.hrp.at(-1) === 'z' ? 'y' : 'z'}1${v.data}${v.checksum}`;
      assert.equal(hasValidBech32Checksum(hrpTypo), false, 'the human-readable part is checksummed too');
    }
  });

  it("passes BIP-173's valid vectors and refuses its invalid ones (and mixed case)", () => {
    for (const valid of vectors.bech32Valid) assert.ok(hasValidBech32Checksum(valid), valid);
    for (const invalid of vectors.bech32Invalid) assert.equal(hasValidBech32Checksum(invalid), false, invalid);
  });

  it('refuses a separator too close to the end, or a data character outside the alphabet', () => {
    const v = vectors.bech32.find((x) => x.data.length === 1)!;
    const seven = `${v.hrp}1${v.data}${v.checksum}`; // one data character + 6 checksum: the shortest valid
    assert.ok(hasValidBech32Checksum(seven));
    assert.equal(hasValidBech32Checksum(`${v.hrp}1${v.checksum}`), false, 'only 6 characters after the separator');
    assert.equal(hasValidBech32Checksum(`1${v.data}${v.checksum}`), false, 'empty human-readable part');
    assert.equal(hasValidBech32Checksum(`${v.hrp}1b${v.checksum}`), false, "'b' is not a bech32 character");
  });

  it('hashes values with SHA-256 over UTF-8 (the standard vectors)', () => {
    assert.equal(sha256Hex('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    assert.equal(sha256Hex('\u00e9'), '4a99557e4033c3539de2eb65472017cad5f9557f7a0625a09f1c3f6e2ba69c4c'); // python3 hashlib over UTF-8 c3 a9
  });

  it('names each checksum kind and verifies with the matching function', () => {
    const crc = vectors.crc32Base62[0];
    const bech = vectors.bech32[0];
    const crcToken = `npm_${crc.body}${crc.checksum}`;
    const bechText = `${bech.hrp}1${bech.data}${bech.checksum}`;
    assert.ok(CHECKSUMS['crc32-base62'].verify(crcToken));
    assert.equal(CHECKSUMS['crc32-base62'].verify(bechText), false);
    assert.ok(CHECKSUMS.bech32.verify(bechText));
    assert.equal(CHECKSUMS.bech32.verify(crcToken), false);
    assert.equal(CHECKSUMS['crc32-base62'].label, 'CRC32 of the random part, base62, in the last 6 characters');
    assert.equal(CHECKSUMS.bech32.label, 'bech32 BCH checksum in the last 6 characters');
  });
});
