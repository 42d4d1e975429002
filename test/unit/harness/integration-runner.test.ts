// Self-test of test/integration/run.mjs: a deliberately failing suite must fail the run, and every run
// (finished or interrupted) must stop all it started and remove its temp dirs.
import { strict as assert } from 'node:assert';
import { type IsolatedRun, isListening, leftovers, startIsolated } from './isolated-run';

const runner = ['test/integration/run.mjs', '--suites', 'test/integration/fixtures/failing-suite'];
const portPattern = /code-server on http:\/\/127\.0\.0\.1:(\d+)\//;

describe('integration runner (self-test, starts code-server)', function () {
  this.timeout(600_000); // a cold machine installs code-server first
  let run: IsolatedRun | undefined;
  afterEach(() => run?.dispose());

  it('fails (exit code 1) on a suite with a deliberately failing assertion, counting one pass and one failure, and leaves nothing behind', async () => {
    run = startIsolated(process.execPath, runner);
    const { code } = await run.exit;
    const output = run.output();
    assert.equal(code, 1, output);
    assert.match(output, /^\s*1 passing/m);
    assert.match(output, /^\s*1 failing/m);
    assert.match(output, /deliberately failing assertion/);
    assert.match(output, /VS Code 1\.139\./);
    const port = Number(portPattern.exec(output)?.[1]);
    assert.ok(port > 0, `no port in:\n${output}`);
    assert.equal(await isListening(port), false, `port ${port} still open`);
    assert.deepEqual(await leftovers(run.tmp), { processes: [], files: [] });
  });

  it('stops code-server and Chromium and removes its temp dirs when interrupted (SIGINT)', async () => {
    run = startIsolated(process.execPath, runner);
    const port = Number((await run.waitFor(portPattern, 300_000))[1]);
    assert.equal(await isListening(port), true);
    run.signal('SIGINT');
    const { code } = await run.exit;
    assert.equal(code, 130, run.output());
    assert.equal(await isListening(port), false, `port ${port} still open`);
    assert.deepEqual(await leftovers(run.tmp), { processes: [], files: [] });
  });
});
