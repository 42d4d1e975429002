// A loopback STS that answers AssumeRole (AWS query protocol) after verifying the caller's SigV4 signature.
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SigV4Verifier, type AccessKey } from '../../../src/core/server/index';

export interface FakeSts {
  endpoint: string;
  /** Parameters of each AssumeRole call that passed the signature check. */
  calls: Array<{ roleArn: string; roleSessionName: string; callerKeyId: string }>;
  close(): Promise<void>;
}

export async function startFakeSts(trusted: AccessKey, issued: AccessKey): Promise<FakeSts> {
  const verifier = new SigV4Verifier(trusted, 'sts');
  const calls: FakeSts['calls'] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const body = Buffer.concat(chunks);
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k] = v;
      try {
        await verifier.verify({ method: req.method ?? 'POST', url: req.url ?? '/', headers, body });
      } catch (error) {
        res.writeHead(403, { 'content-type': 'text/xml' });
        res.end(
          `<ErrorResponse><Error><Type>Sender</Type><Code>SignatureDoesNotMatch</Code>` +
            `<Message>${(error as Error).message}</Message></Error><RequestId>1</RequestId></ErrorResponse>`,
        );
        return;
      }
      const form = new URLSearchParams(body.toString('utf8'));
      calls.push({
        roleArn: form.get('RoleArn') ?? '',
        roleSessionName: form.get('RoleSessionName') ?? '',
        callerKeyId: trusted.accessKeyId,
      });
      res.writeHead(200, { 'content-type': 'text/xml' });
      res.end(`<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <AssumeRoleResult>
    <Credentials>
      <AccessKeyId>${issued.accessKeyId}</AccessKeyId>
      <SecretAccessKey>${issued.secretAccessKey}</SecretAccessKey>
      <SessionToken>${randomBytes(24).toString('base64')}</SessionToken>
      <Expiration>${new Date(Date.now() + 3600_000).toISOString()}</Expiration>
    </Credentials>
    <AssumedRoleUser>
      <Arn>${form.get('RoleArn')}/${form.get('RoleSessionName')}</Arn>
      <AssumedRoleId>AROAFAKE:${form.get('RoleSessionName')}</AssumedRoleId>
    </AssumedRoleUser>
  </AssumeRoleResult>
  <ResponseMetadata><RequestId>fake-sts</RequestId></ResponseMetadata>
</AssumeRoleResponse>`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
