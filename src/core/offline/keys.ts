// SigV4 keys for the offline server: the same generator as `serve`, whose non-AWS prefix (ASWB…) keeps them
// from looking like real AWS access keys to scanners (ours included) when they reach a log or a terminal.
import { generateAccessKey } from '../server/server';

export function generateServerCredentials(): { accessKeyId: string; secretAccessKey: string } {
  return generateAccessKey();
}
