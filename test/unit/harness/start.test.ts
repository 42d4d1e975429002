// `npm start` prints a working workbench URL and Ctrl+C stops everything. Its time-to-URL is measured by
// test/bench/start.bench.ts (no timing assertions here).
import { strict as assert } from 'node:assert';
import { type IsolatedRun, isListening, leftovers, startIsolated } from './isolated-run';

describe('npm start (starts code-server)', function () {
  this.timeout(600_000); // a cold machine installs code-server first
  let run: IsolatedRun | undefined;
  afterEach(() => run?.dispose());

  it('serves the workbench on the demo workspace at the printed URL, and Ctrl+C cleans up', async () => {
    run = startIsolated('npm', ['start']);
    const [url] = await run.waitFor(/http:\/\/127\.0\.0\.1:\d+\/\?folder=\S+/, 300_000);
    assert.match(decodeURIComponent(url), /\/demo-workspace$/);
    const response = await fetch(url);
    assert.equal(response.status, 200);
    assert.match(await response.text(), /workbench/i);
    const port = Number(new URL(url).port);

    run.signal('SIGINT');
    await run.exit;
    const afterUrl = run.output().slice(run.output().indexOf(url));
    assert.match(afterUrl, /Stopped \(Ctrl\+C\)/);
    assert.doesNotMatch(afterUrl, /stopped by itself|its log:|npm start failed/);
    assert.equal(await isListening(port), false, `port ${port} still open`);
    assert.deepEqual(await leftovers(run.tmp), { processes: [], files: [] });
  });
});
