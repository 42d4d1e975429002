import { describeStoreContract } from '../store/contract';
import { startLocalAws } from './helpers';

// The real SDK client, real HTTP and real SigV4 against the local server over a memory store.
describeStoreContract('AWS store via the local server (real SDK, HTTP, SigV4)', async () => {
  const local = await startLocalAws();
  const store = await local.connect({ cache: { ttlMs: 60_000 } });
  return { store, advanceClock: local.advanceClock, dispose: () => local.close() };
});
