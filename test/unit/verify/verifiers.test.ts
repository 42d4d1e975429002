// #25: every HTTP verifier against a local server that replays the provider's documented response shapes for a
// live, a revoked and a rate-limited credential, asserting the exact request (method, path, auth header).
import { strict as assert } from 'node:assert';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  describeVerification,
  VerificationCache,
  verificationQuestion,
  verifyCredential,
  VERIFY_TIMEOUT_MS,
} from '../../../src/core/verify/index';
import { runScanCli } from '../../support/cli-run';
import { Synthetic } from '../../support/synthetic';

interface Recorded {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
}

type Reply = { status: number; headers?: Record<string, string>; body?: unknown };

class ProviderStub {
  readonly requests: Recorded[] = [];
  reply: Reply = { status: 200, body: {} };
  private server!: Server;
  endpoint = '';

  async start(): Promise<void> {
    this.server = createServer((req: IncomingMessage, res: ServerResponse) => {
      this.requests.push({ method: req.method!, url: req.url!, headers: req.headers });
      req.resume();
      if (this.reply.status === 0) return; // never answer (timeout)
      res.writeHead(this.reply.status, { 'Content-Type': 'application/json', ...this.reply.headers });
      res.end(JSON.stringify(this.reply.body ?? {}));
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.endpoint = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

interface ProviderCase {
  provider: string;
  ruleId: string;
  token: () => string;
  method: string;
  path: string;
  auth: (value: string) => [header: string, value: string];
  live: Reply;
  identity: string;
  scopes?: string[];
  revoked: Reply;
  rateLimited: Reply;
}

const gen = new Synthetic(25);
const bearer = (v: string): [string, string] => ['authorization', `Bearer ${v}`];

const CASES: ProviderCase[] = [
  {
    provider: 'github', ruleId: 'github-token', token: () => gen.githubToken(), method: 'GET', path: '/user', auth: bearer,
    live: { status: 200, headers: { 'x-oauth-scopes': 'repo, read:org' }, body: { login: 'octocat', id: 1 } },
    identity: 'octocat', scopes: ['repo', 'read:org'],
    revoked: { status: 401, body: { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' } },
    rateLimited: { status: 403, headers: { 'x-ratelimit-remaining': '0' }, body: { message: 'API rate limit exceeded' } },
  },
  {
    provider: 'gitlab', ruleId: 'gitlab-token', token: () => `glpat-${gen.mixed(20)}`, method: 'GET', path: '/api/v4/personal_access_tokens/self',
    auth: (v) => ['private-token', v],
    live: { status: 200, body: { id: 4, name: 'ci-token', revoked: false, active: true, scopes: ['api', 'read_user'] } },
    identity: 'ci-token', scopes: ['api', 'read_user'],
    revoked: { status: 401, body: { message: '401 Unauthorized' } },
    rateLimited: { status: 429, body: { message: 'Retry later' } },
  },
  {
    provider: 'slack', ruleId: 'slack-token', token: () => `xoxb-${gen.chars('0123456789', 12)}-${gen.chars('0123456789', 13)}-${gen.mixed(24)}`,
    method: 'POST', path: '/api/auth.test', auth: bearer,
    live: { status: 200, body: { ok: true, url: 'https://acme.slack.com/', team: 'Acme', user: 'deploy-bot', team_id: 'T1', user_id: 'U1' } },
    identity: 'deploy-bot @ Acme',
    revoked: { status: 200, body: { ok: false, error: 'invalid_auth' } },
    rateLimited: { status: 429, headers: { 'retry-after': '30' }, body: { ok: false, error: 'ratelimited' } },
  },
  {
    provider: 'stripe', ruleId: 'stripe-secret-key', token: () => `rk_live_${gen.mixed(24)}`, method: 'GET', path: '/v1/balance', auth: bearer,
    live: { status: 403, body: { error: { message: 'The provided key does not have the required permissions for this endpoint.', type: 'invalid_request_error' } } },
    identity: 'restricted key (no balance permission)',
    revoked: { status: 401, body: { error: { message: 'Invalid API Key provided', type: 'invalid_request_error' } } },
    rateLimited: { status: 429, body: { error: { message: 'Too many requests', type: 'rate_limit_error' } } },
  },
  {
    provider: 'openai', ruleId: 'openai-api-key', token: () => `sk-proj-${gen.mixed(48)}`, method: 'GET', path: '/v1/models', auth: bearer,
    live: { status: 200, headers: { 'openai-organization': 'org-acme' }, body: { object: 'list', data: [{ id: 'gpt-4o', object: 'model' }] } },
    identity: 'org-acme',
    revoked: { status: 401, body: { error: { message: 'Incorrect API key provided', code: 'invalid_api_key' } } },
    rateLimited: { status: 429, body: { error: { message: 'Rate limit reached', code: 'rate_limit_exceeded' } } },
  },
  {
    provider: 'npm', ruleId: 'npm-token', token: () => gen.githubToken('npm_'), method: 'GET', path: '/-/whoami', auth: bearer,
    live: { status: 200, body: { username: 'release-bot' } },
    identity: 'release-bot',
    revoked: { status: 401, body: { error: 'Unauthorized' } },
    rateLimited: { status: 429, body: { error: 'Too Many Requests' } },
  },
]; // prettier-ignore

describe('credential verifiers (#25)', () => {
  const stub = new ProviderStub();
  before(() => stub.start());
  after(() => stub.stop());
  beforeEach(() => stub.requests.splice(0));

  for (const c of CASES) {
    describe(c.provider, () => {
      const options = () => ({ endpoints: { [c.provider]: stub.endpoint } });

      it('live: makes exactly the documented request and reports who it is', async () => {
        const token = c.token();
        stub.reply = c.live;
        const result = await verifyCredential(c.ruleId, token, options());
        assert.equal(stub.requests.length, 1);
        const [request] = stub.requests;
        assert.equal(request.method, c.method);
        assert.equal(request.url, c.path);
        const [header, value] = c.auth(token);
        assert.equal(request.headers[header], value);
        assert.deepEqual(result, {
          status: 'live',
          identity: c.identity,
          ...(c.scopes ? { scopes: c.scopes } : {}),
          host: new URL(stub.endpoint).host,
        });
      });

      it('a 5xx is Unknown with the reason, and the value is in no part of any answer', async () => {
        const token = c.token();
        stub.reply = { status: 502, body: { message: `upstream failed for ${token}` } };
        const down = await verifyCredential(c.ruleId, token, options());
        assert.deepEqual([down?.status, down?.reason], ['unknown', 'HTTP 502 from the provider']);
        stub.reply = { ...c.live, body: { ...(c.live.body as object), login: token, name: token, user: token } };
        const echoed = await verifyCredential(c.ruleId, token, options());
        assert.ok(!JSON.stringify([down, echoed]).includes(token));
      });

      it('revoked and rate-limited answers', async () => {
        stub.reply = c.revoked;
        const revoked = await verifyCredential(c.ruleId, c.token(), options());
        assert.equal(revoked?.status, 'revoked');
        assert.ok(revoked?.reason);
        stub.reply = c.rateLimited;
        const limited = await verifyCredential(c.ruleId, c.token(), options());
        assert.equal(limited?.status, 'unknown');
        assert.match(limited!.reason!, /rate ?limited/);
      });
    });
  }

  it('network failure, timeout and 5xx each give Unknown with the reason; the default timeout is 5 s', async () => {
    const token = gen.githubToken();
    const unused = createServer();
    await new Promise<void>((resolve) => unused.listen(0, '127.0.0.1', resolve));
    const port = (unused.address() as AddressInfo).port;
    await new Promise((resolve) => unused.close(resolve)); // nothing listens there now
    const closed = await verifyCredential('github-token', token, { endpoints: { github: `http://127.0.0.1:${port}` } });
    assert.deepEqual([closed?.status, closed?.reason], ['unknown', 'network error: ECONNREFUSED']);
    stub.reply = { status: 0 };
    const slow = await verifyCredential('github-token', token, {
      endpoints: { github: stub.endpoint },
      timeoutMs: 300,
    });
    assert.deepEqual([slow?.status, slow?.reason], ['unknown', 'timed out after 0.3 s']);
    stub.reply = { status: 503, body: { message: 'unavailable' } };
    const down = await verifyCredential('github-token', token, { endpoints: { github: stub.endpoint } });
    assert.deepEqual([down?.status, down?.reason], ['unknown', 'HTTP 503 from the provider']);
    assert.equal(VERIFY_TIMEOUT_MS, 5000);
  });

  it('never puts the credential into a result, even when the provider echoes it', async () => {
    const token = gen.githubToken();
    stub.reply = { status: 200, body: { login: `user-${token}` } };
    const result = await verifyCredential('github-token', token, { endpoints: { github: stub.endpoint } });
    assert.ok(!JSON.stringify(result).includes(token));
  });

  it('asks once per credential fingerprint in a session', async () => {
    const cache = new VerificationCache();
    const token = gen.githubToken();
    stub.reply = CASES[0].live;
    const options = { endpoints: { github: stub.endpoint } };
    await cache.verify('github-token', 'hash-1', token, options);
    await cache.verify('github-token', 'hash-1', token, options);
    assert.equal(stub.requests.length, 1);
  });

  it('has no verifier for rules it cannot check', async () => {
    assert.equal(await verifyCredential('generic-password', 'x', {}), undefined);
  });
});

describe('scan --verify (#25)', () => {
  const stub = new ProviderStub();
  let dir: string;
  before(() => stub.start());
  after(() => stub.stop());
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'swb-verify-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function scan(args: string[]) {
    const { code, stdout, stderr } = await runScanCli(args, dir);
    return { code, out: stdout + stderr };
  }

  it('is off by default; when asked, reports Live with the identity in text, JSON and SARIF, never the value', async () => {
    const token = gen.githubToken();
    writeFileSync(join(dir, '.env'), `GITHUB_TOKEN=${token}\n`);
    stub.reply = CASES[0].live;
    stub.requests.splice(0);
    await scan(['.env', '--format', 'json']);
    assert.equal(stub.requests.length, 0, 'contacted a provider without --verify');
    const endpoint = ['--verify', '--verify-endpoint', `github=${stub.endpoint}`];
    const text = await scan(['.env', ...endpoint]);
    assert.match(text.out, /\[github-token\].*\(live: octocat\)/);
    const json = JSON.parse((await scan(['.env', '--format', 'json', ...endpoint])).out) as {
      findings: { verification: { status: string; identity: string; host: string } }[];
    };
    assert.deepEqual(json.findings[0].verification, {
      status: 'live',
      identity: 'octocat',
      scopes: ['repo', 'read:org'],
      host: new URL(stub.endpoint).host,
    });
    const sarif = await scan(['.env', '--format', 'sarif', ...endpoint]);
    assert.match(sarif.out, /"verification": \{\s*"status": "live"/);
    for (const output of [text.out, JSON.stringify(json), sarif.out]) assert.ok(!output.includes(token));
    assert.equal(stub.requests.length, 3, 'one request per scan (the cache keeps one answer per credential)');
  });
});

describe('verification wording (#25)', () => {
  it('asks first naming exactly the host, and answers Live with identity, Revoked, or Unknown with the reason', () => {
    assert.equal(
      verificationQuestion('GitHub token', 'api.github.com'),
      'Check whether this GitHub token is live? Secrets Workbench will send it to api.github.com (its own provider) and nowhere else.',
    );
    assert.match(
      describeVerification('GitHub token', {
        status: 'live',
        identity: 'octocat',
        scopes: ['repo'],
        host: 'api.github.com',
      }),
      /^Live: api\.github\.com accepts this GitHub token — it belongs to octocat \(scopes: repo\)/,
    );
    assert.match(
      describeVerification('npm access token', { status: 'revoked', reason: 'HTTP 401', host: 'h' }),
      /^Revoked or invalid/,
    );
    assert.match(
      describeVerification('Slack token', { status: 'unknown', reason: 'timed out after 5 s', host: 'h' }),
      /^Unknown: .*timed out after 5 s/,
    );
  });
});
