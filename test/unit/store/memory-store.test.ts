import { MemoryStore } from '../../../src/core/store/index';
import { describeStoreContract } from './contract';

describeStoreContract('memory store', async () => {
  let offset = 0;
  const store = new MemoryStore({ now: () => Date.now() + offset });
  return {
    store,
    advanceClock: (ms) => void (offset += ms),
    dispose: async () => undefined,
  };
});
