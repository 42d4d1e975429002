// The per-user cache of built prefilter tables: what is read back is exactly what was built, anything it cannot
// vouch for (altered, truncated, another format, the wrong shape) is ignored and built again, and no failure
// stops a scan.
import { strict as assert } from 'node:assert';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  KeywordPrefilter,
  prefilterTableKey,
  usePrefilterTableStore,
  type Keyword,
  type PrefilterTables,
  type PrefilterTableStore,
} from '../../../src/core/detection/prefilter';
import { decodeTables, encodeTables, fileTableStore, prefilterCacheDir } from '../../../src/core/scan/prefilter-cache';
import { runScanCli } from '../../support/cli-run';
import { Synthetic } from '../../support/synthetic';

const KEYWORDS: Keyword[] = [
  { text: 'token', group: 0, folded: true },
  { text: 'AKIA', group: 1, folded: false },
  { text: 'sk_live_', group: 2, folded: false },
];
const TEXT = 'a = 1\nmy Token here\nno\nAKIA and sk_live_ too\nakia is not AKIA-cased\n';

/** A store that remembers in memory and counts what it was asked. */
function memoryStore(): PrefilterTableStore & { saved: Map<string, PrefilterTables>; loads: number } {
  const saved = new Map<string, PrefilterTables>();
  const store = {
    saved,
    loads: 0,
    load(key: string) {
      store.loads++;
      return saved.get(key);
    },
    save(key: string, tables: PrefilterTables) {
      saved.set(key, tables);
    },
  };
  return store;
}

const candidates = (prefilter: KeywordPrefilter) => [...prefilter.scan(TEXT).lines];

describe('prefilter table cache', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'swb-prefilter-cache-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => usePrefilterTableStore(undefined));
  after(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('builds once, then reads the same tables back: same candidate lines and masks', () => {
    const expected = candidates(new KeywordPrefilter(KEYWORDS));
    const store = memoryStore();
    usePrefilterTableStore(store);
    const built = new KeywordPrefilter(KEYWORDS);
    assert.equal(store.saved.size, 1);
    assert.deepEqual(candidates(built), expected);
    const loaded = new KeywordPrefilter(KEYWORDS);
    assert.equal(store.loads, 2);
    assert.deepEqual(candidates(loaded), expected);
    assert.equal(loaded.maskOfLine('my token'), built.maskOfLine('my token'));
  });

  it('keys tables by the whole keyword set: another group, case rule or keyword is another key', () => {
    const key = prefilterTableKey(KEYWORDS);
    assert.match(key, /^[0-9a-f]{64}$/);
    assert.equal(prefilterTableKey(KEYWORDS.map((k) => ({ ...k }))), key);
    assert.notEqual(prefilterTableKey([{ ...KEYWORDS[0], group: 3 }, ...KEYWORDS.slice(1)]), key);
    assert.notEqual(prefilterTableKey([{ ...KEYWORDS[0], folded: false }, ...KEYWORDS.slice(1)]), key);
    assert.notEqual(prefilterTableKey([...KEYWORDS, { text: 'pass', group: 0, folded: true }]), key);
  });

  it('ignores stored tables of the wrong shape and builds them again', () => {
    const expected = candidates(new KeywordPrefilter(KEYWORDS));
    const good = memoryStore();
    usePrefilterTableStore(good);
    new KeywordPrefilter(KEYWORDS);
    const { table, masks } = [...good.saved.values()][0];
    const outOfRange = Int32Array.from(table);
    outOfRange[5] = (masks.length + 3) * 128 * 4; // a successor past the last row
    for (const bad of [
      { table: table.subarray(0, table.length - 1), masks }, // not whole rows
      { table, masks: masks.subarray(1) }, // a mask short
      { table: outOfRange, masks },
    ]) {
      usePrefilterTableStore({ load: () => bad, save: () => undefined });
      assert.deepEqual(candidates(new KeywordPrefilter(KEYWORDS)), expected);
    }
  });

  it('writes a file that reads back equal, and refuses altered, truncated or foreign files', () => {
    const tables = {
      table: Int32Array.from([0, 512, -2147483136, 0]),
      masks: Uint32Array.from([0, 4]),
    };
    const file = encodeTables(tables);
    const back = decodeTables(file)!;
    assert.deepEqual([...back.table], [...tables.table]);
    assert.deepEqual([...back.masks], [...tables.masks]);
    const altered = Buffer.from(file);
    altered[altered.length - 1] ^= 1;
    assert.equal(decodeTables(altered), undefined, 'a flipped bit');
    assert.equal(decodeTables(file.subarray(0, file.length - 4)), undefined, 'truncated');
    const foreign = Buffer.from(file);
    foreign.write('XXXX', 0);
    assert.equal(decodeTables(foreign), undefined, 'another magic');
    // an unaligned copy still reads back
    const shifted = Buffer.alloc(file.length + 1);
    file.copy(shifted, 1);
    assert.deepEqual([...decodeTables(shifted.subarray(1))!.table], [...tables.table]);
  });

  it('keeps tables in files across stores; a damaged file is rebuilt and rewritten; an unwritable folder is no error', () => {
    const dir = tempDir();
    const expected = candidates(new KeywordPrefilter(KEYWORDS));
    usePrefilterTableStore(fileTableStore(dir));
    assert.deepEqual(candidates(new KeywordPrefilter(KEYWORDS)), expected);
    const [name] = readdirSync(dir);
    assert.match(name, /^prefilter-[0-9a-f]{64}\.bin$/);
    const path = join(dir, name);
    const written = readFileSync(path);
    writeFileSync(path, written.subarray(0, 100));
    usePrefilterTableStore(fileTableStore(dir));
    assert.deepEqual(candidates(new KeywordPrefilter(KEYWORDS)), expected);
    assert.deepEqual(readFileSync(path), written, 'rewritten whole');
    assert.deepEqual(readdirSync(dir), [name], 'no temporary file left');
    if (process.getuid?.() !== 0) {
      const locked = tempDir();
      chmodSync(locked, 0o500);
      usePrefilterTableStore(fileTableStore(join(locked, 'cache')));
      assert.deepEqual(candidates(new KeywordPrefilter(KEYWORDS)), expected);
    }
    usePrefilterTableStore(fileTableStore('/dev/null/not-a-folder'));
    assert.deepEqual(candidates(new KeywordPrefilter(KEYWORDS)), expected);
  });

  it('picks the per-user cache folder of each platform, or the one the environment names, or none', () => {
    const home = () => '/home/ada';
    assert.equal(prefilterCacheDir({}, 'linux', home), '/home/ada/.cache/secrets-workbench');
    assert.equal(prefilterCacheDir({ HOME: '/h' }, 'linux', home), '/h/.cache/secrets-workbench', 'HOME first');
    assert.equal(prefilterCacheDir({ XDG_CACHE_HOME: '/xdg' }, 'linux', home), '/xdg/secrets-workbench');
    assert.equal(prefilterCacheDir({}, 'darwin', home), '/home/ada/Library/Caches/secrets-workbench');
    assert.equal(
      prefilterCacheDir({ LOCALAPPDATA: 'C:\\Users\\ada\\AppData\\Local' }, 'win32', home),
      join('C:\\Users\\ada\\AppData\\Local', 'secrets-workbench', 'Cache'),
    );
    assert.equal(prefilterCacheDir({ SECRETS_WORKBENCH_SCAN_CACHE: '/c' }, 'linux', home), '/c');
    assert.equal(prefilterCacheDir({ SECRETS_WORKBENCH_SCAN_CACHE: 'off' }, 'linux', home), undefined);
    assert.equal(prefilterCacheDir({ SECRETS_WORKBENCH_SCAN_CACHE: '' }, 'linux', home), undefined);
    assert.equal(
      prefilterCacheDir({}, 'linux', () => {
        throw new Error('no home');
      }),
      undefined,
    );
  });

  it('the CLI scan keeps its tables there, and reports the same findings from a warm cache', async () => {
    const gen = new Synthetic(31);
    const work = tempDir();
    const cache = join(work, 'cache');
    writeFileSync(join(work, 'app.py'), `api_key = "${gen.apiKey()}"\n`);
    writeFileSync(join(work, 'config.yaml'), `token: ${gen.mixed(40)}\n`);
    // a config of its own: a process keeps the prefilters of a config it has seen (earlier tests' default one)
    writeFileSync(join(work, '.secrets-workbench.json'), '{"ignore": []}');
    const env = { SECRETS_WORKBENCH_SCAN_CACHE: cache };
    const cold = await runScanCli(['--format', 'json', '.'], work, env);
    assert.equal(readdirSync(cache).length, 2, 'one file for code, one for config syntaxes');
    const warm = await runScanCli(['--format', 'json', '.'], work, env);
    const findings = (stdout: string) =>
      (JSON.parse(stdout) as { findings: { path: string; ruleId: string; range: unknown }[] }).findings.map((f) => [
        f.path,
        f.ruleId,
        f.range,
      ]);
    assert.equal(cold.code, 1);
    assert.deepEqual(findings(warm.stdout), findings(cold.stdout));
    assert.equal(findings(cold.stdout).length, 2);
    // `off` is no folder name: nothing under XDG_CACHE_HOME, nor an `off` folder where the process runs
    const xdg = join(work, 'xdg');
    writeFileSync(join(work, '.secrets-workbench.json'), '{"ignore": ["xdg/**"]}'); // a fresh config: tables built
    await runScanCli(['--format', 'json', '.'], work, { SECRETS_WORKBENCH_SCAN_CACHE: 'off', XDG_CACHE_HOME: xdg });
    assert.throws(() => readdirSync(xdg), 'nothing kept in the default folder');
    assert.throws(() => readdirSync(join(process.cwd(), 'off')), 'nothing kept in a folder named off');
  });
});
