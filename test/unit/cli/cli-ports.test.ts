// The CLI's adapter of the use cases' ports: answers come from the environment (a preset passphrase, still
// validated) or a terminal; without a terminal, a question is a usage error, never a hang.
import { strict as assert } from 'node:assert';
import { Readable, Writable } from 'node:stream';
import { CliUserInput } from '../../../src/cli/cli-ports';
import { UsageError, type CliIo } from '../../../src/cli/commands/types';
import { PASSPHRASE_MIN_LENGTH, passphraseProblem } from '../../../src/core/policy';

function io(): CliIo & { err: () => string } {
  let err = '';
  return {
    stdin: Readable.from([]),
    stdout: new Writable({ write: (_c, _e, done) => done() }),
    stderr: new Writable({
      write(chunk, _e, done) {
        err += String(chunk);
        done();
      },
    }),
    env: {},
    cwd: '/',
    err: () => err,
  };
}

describe('CLI ports (UserInput on a terminal)', () => {
  const ask = { title: 'New vault', prompt: 'Passphrase', password: true, validate: passphraseProblem };

  it('answers a hidden question with the preset passphrase, validated by the same rule', async () => {
    const ok = 'k'.repeat(PASSPHRASE_MIN_LENGTH);
    assert.equal(await new CliUserInput(io(), ok).text(ask), ok);
    await assert.rejects(
      new CliUserInput(io(), ok.slice(1)).text(ask),
      (error: unknown) => error instanceof UsageError && /at least/.test(error.message),
    );
  });

  it('refuses to ask without a terminal instead of waiting for input', async () => {
    const cli = new CliUserInput(io());
    await assert.rejects(cli.text({ title: 't', prompt: 'Name' }), /not a terminal/);
    await assert.rejects(cli.text(ask), /not a terminal/);
    await assert.rejects(cli.pick([{ label: 'a', value: 1 }], { title: 't' }), /not a terminal/);
  });

  it('informs on stderr with control characters made visible', async () => {
    const out = io();
    await new CliUserInput(out).notify('info', 'done \u001b[31mred');
    assert.ok(out.err().startsWith('done '));
    assert.ok(!out.err().includes('\u001b'));
  });
});
