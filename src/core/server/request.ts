// Request plumbing shared by the Secrets Manager path (server.ts) and the STS/IAM path (identity.ts).
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

const jsonContentType = 'application/x-amz-json-1.1';

export function flatHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  return headers;
}

/** Reads the whole body, or stops at the cap: what follows is not kept, and the caller refuses the request. */
export function readBody(req: IncomingMessage, cap: number): Promise<Buffer | 'too-large'> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= cap) return void chunks.push(chunk);
      req.off('data', onData).off('end', onEnd).pause();
      resolve('too-large');
    };
    const onEnd = () => resolve(Buffer.concat(chunks));
    req.on('data', onData).on('end', onEnd).on('error', reject);
  });
}

/** An AWS JSON 1.1 answer, with a request id as the service sends. */
export function sendJson(res: ServerResponse, status: number, payload: unknown): void {
  const text = JSON.stringify(payload);
  res.writeHead(status, {
    'Content-Type': jsonContentType,
    'Content-Length': Buffer.byteLength(text),
    'x-amzn-RequestId': randomUUID(),
  });
  res.end(text);
}

/** An AWS JSON 1.1 error: `{"__type", "message"}` and the `x-amzn-ErrorType` header. */
export function sendJsonError(res: ServerResponse, status: number, code: string, message: string): void {
  res.setHeader('x-amzn-ErrorType', code);
  sendJson(res, status, { __type: code, message });
}
