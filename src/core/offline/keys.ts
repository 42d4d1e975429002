// Fresh SigV4 keys for the offline server: shaped like AWS's so SDKs and tools accept them, random each time.
import { randomBytes } from 'node:crypto';

const upperAlnum = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function generateServerCredentials(): { accessKeyId: string; secretAccessKey: string } {
  const id = [...randomBytes(16)].map((b) => upperAlnum[b % upperAlnum.length]).join('');
  return { accessKeyId: `AKIA${id}`, secretAccessKey: randomBytes(30).toString('base64').replace(/[+/]/g, 'A') };
}
