import { MemoryStore } from '../../../src/core/store/index';
import { describeSyncSuite } from './sync-suite';

describeSyncSuite('memory → memory', async () => ({
  remote: new MemoryStore({ region: 'eu-west-1', accountId: '111111111111' }),
  local: new MemoryStore(),
  dispose: async () => undefined,
}));
