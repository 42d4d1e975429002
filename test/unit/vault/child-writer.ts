// A separate process that writes to a vault and acknowledges each finished write on stdout.
// Bundled by the tests (process-harness.ts) so it starts fast.
// Arguments: <vault> <raw key hex> <label> <count> [target secret]. With WAIT_FOR_GO=1 it opens the vault,
// says `ready`, and starts writing only when a line arrives on stdin (so tests can start it ahead of time).
// Without a target, writes alternate: puts to a few shared secrets, and every fifth one creates a secret.
import { VaultStore } from '../../../src/core/vault/index';

async function main(): Promise<void> {
  const [path, keyHex, label, countText, target] = process.argv.slice(2);
  const store = await VaultStore.open(path, { kind: 'raw', key: Buffer.from(keyHex, 'hex') });
  process.stdout.write('ready\n');
  if (process.env.WAIT_FOR_GO === '1') await new Promise((resolve) => process.stdin.once('data', resolve));
  const count = Number(countText);
  for (let i = 0; i < count; i++) {
    const value = `${label}-${i}`;
    if (target) {
      const put = await store.putSecretValue({ secretId: target, secretString: value });
      process.stdout.write(`put ${target} ${put.versionId} ${value}\n`);
    } else if (i % 5 === 4) {
      const name = `crash/${label}/n${i}`;
      await store.createSecret({ name, secretString: value });
      process.stdout.write(`create ${name} - ${value}\n`);
    } else {
      const secretId = `crash/shared${i % 4}`;
      const put = await store.putSecretValue({ secretId, secretString: value });
      process.stdout.write(`put ${secretId} ${put.versionId} ${value}\n`);
    }
  }
  store.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`child-writer: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}\n`);
  process.exitCode = 1;
});
