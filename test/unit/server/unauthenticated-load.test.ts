// 1,000 connections without the server's key, each sending a slow body (and reconnecting when cut off), while a
// signed client (the real SDK, real SigV4 over 127.0.0.1) keeps reading a secret. The server runs in its own
// process so its memory is measured apart from the attackers'; the figures are printed.
import { strict as assert } from 'node:assert';
import { spawn, type ChildProcess } from 'node:child_process';
import { connect, type Socket } from 'node:net';
import { join } from 'node:path';
import { createInterface, type Interface } from 'node:readline';
import { createAwsStore } from '../../../src/core/aws/index';
import { syntheticValue } from '../store/contract';

const attackers = 1_000;
const minSignedCalls = 10;
const minAttackMs = 5_000;
/** A server that reads bodies first answers none of them before this. */
const maxAttackMs = 20_000;
/** 64 chunks of 4 KiB, one a second: each body takes over a minute to send. */
const declaredBody = 256 * 1024;
const chunk = Buffer.alloc(4 * 1024, 0x61);
const chunkEveryMs = 1_000;
const reconnectAfterMs = 250;
const mib = 1024 * 1024;

describe('server: under 1,000 unauthenticated slow-body connections', function () {
  this.timeout(90_000);
  let child: ChildProcess;
  let lines: Interface;
  let next: () => Promise<Record<string, unknown>>;

  before(async () => {
    child = spawn(process.execPath, ['--import', 'tsx', join(__dirname, 'server-child.ts')], {
      env: { PATH: process.env.PATH, LOAD_SECRET_VALUE: secretValue },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    lines = createInterface({ input: child.stdout! });
    const queue: string[] = [];
    const waiting: ((line: string) => void)[] = [];
    lines.on('line', (line) => (waiting.length ? waiting.shift()!(line) : queue.push(line)));
    next = () =>
      new Promise((resolve) => {
        const take = (line: string) => resolve(JSON.parse(line) as Record<string, unknown>);
        if (queue.length) take(queue.shift()!);
        else waiting.push(take);
      });
  });
  after(() => {
    child.stdin!.end();
    setTimeout(() => child.exitCode === null && child.kill('SIGKILL'), 3_000).unref();
  });

  const secretValue = JSON.stringify({ password: syntheticValue() });

  it('keeps answering the signed client, cuts the attackers off from their headers, and stays bounded in memory', async () => {
    const started = (await next()) as { endpoint: string; accessKeyId: string; secretAccessKey: string };
    const store = await createAwsStore(
      {},
      {
        env: {
          AWS_ENDPOINT_URL_SECRETS_MANAGER: started.endpoint,
          AWS_ACCESS_KEY_ID: started.accessKeyId,
          AWS_SECRET_ACCESS_KEY: started.secretAccessKey,
          AWS_REGION: 'us-east-1',
          AWS_CONFIG_FILE: '/nonexistent',
          AWS_SHARED_CREDENTIALS_FILE: '/nonexistent',
        },
      },
    );
    const memory = async () => {
      child.stdin!.write('\n');
      return (await next()) as { rssBytes: number; peakRssBytes: number };
    };
    try {
      assert.equal((await store.getSecretValue({ secretId: 'load/db' })).secretString, secretValue);
      const before = await memory();

      const port = Number(new URL(started.endpoint).port);
      const head = [
        'POST / HTTP/1.1',
        `host: ${new URL(started.endpoint).host}`,
        'content-type: application/x-amz-json-1.1',
        'x-amz-target: secretsmanager.GetSecretValue',
        `content-length: ${declaredBody}`,
        '',
        '',
      ].join('\r\n');
      let connections = 0;
      let answeredBeforeBodyEnd = 0;
      let bodiesCompleted = 0;
      let droppedUnanswered = 0;
      let slowestAnswerMs = 0;
      let stopping = false;
      const open = new Set<Socket>();
      const attack = (): Promise<void> =>
        new Promise((resolve) => {
          if (stopping) return resolve();
          connections++;
          const socket = connect({ port, host: new URL(started.endpoint).hostname });
          open.add(socket);
          const opened = Date.now();
          let sent = 0;
          let answered = false;
          const timer = setInterval(() => {
            if (sent >= declaredBody || socket.destroyed) return;
            socket.write(chunk);
            sent += chunk.length;
            if (sent >= declaredBody) bodiesCompleted++;
          }, chunkEveryMs);
          socket.once('data', () => {
            answered = true;
            slowestAnswerMs = Math.max(slowestAnswerMs, Date.now() - opened);
            if (sent < declaredBody) answeredBeforeBodyEnd++;
          });
          socket.on('error', () => undefined);
          socket.once('close', () => {
            clearInterval(timer);
            open.delete(socket);
            if (!answered && !stopping) droppedUnanswered++;
            setTimeout(() => void attack().then(resolve), reconnectAfterMs);
          });
          socket.write(head);
        });
      const attackStarted = Date.now();
      const attacks = Array.from({ length: attackers }, () => attack());

      // The signed client calls throughout, with no time limit of its own: under load it may be slow, never refused.
      const latencies: number[] = [];
      const attackGoesOn = () =>
        latencies.length < minSignedCalls ||
        Date.now() - attackStarted < minAttackMs ||
        (answeredBeforeBodyEnd < attackers && Date.now() - attackStarted < maxAttackMs);
      while (attackGoesOn()) {
        const t = Date.now();
        const value = await store.getSecretValue({ secretId: 'load/db' });
        latencies.push(Date.now() - t);
        assert.equal(value.secretString, secretValue);
      }
      const attackMs = Date.now() - attackStarted;
      const during = await memory();
      stopping = true;
      for (const socket of open) socket.destroy();
      await Promise.all(attacks);

      latencies.sort((a, b) => a - b);
      const growthMiB = (during.peakRssBytes - before.peakRssBytes) / mib;
      console.log(
        `      ${connections} attacker connections (${attackers} at a time) in ${(attackMs / 1000).toFixed(1)} s; ` +
          `${answeredBeforeBodyEnd} refused before their body ended (slowest answer ${slowestAnswerMs} ms), ` +
          `${droppedUnanswered} dropped unanswered, ${bodiesCompleted} bodies completed; ` +
          `signed client: ${latencies.length} answers, median ${latencies[latencies.length >> 1]} ms, ` +
          `max ${latencies[latencies.length - 1]} ms; server peak RSS ${(before.peakRssBytes / mib).toFixed(0)} → ` +
          `${(during.peakRssBytes / mib).toFixed(0)} MiB (+${growthMiB.toFixed(1)} MiB)`,
      );
      assert.ok(answeredBeforeBodyEnd >= attackers, 'attackers are refused before their bodies end');
      assert.equal(bodiesCompleted, 0, 'no attacker had to finish its body to be answered');
      // Buffering the bodies would hold 1,000 × 256 KiB = 250 MiB. What is left is 1,000 live sockets' own state
      // and garbage not yet collected, which grows with how many connections the machine got through: 48–91 MiB
      // measured on 2 CPUs between idle and loaded (a 64 MiB bound failed on an idle run).
      assert.ok(growthMiB < 112, `server peak RSS grew ${growthMiB.toFixed(1)} MiB`);
    } finally {
      store.destroy();
    }
  });
});
