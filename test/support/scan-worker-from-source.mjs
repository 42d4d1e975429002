// The scan pool's worker run from source in tests: worker threads do not inherit mocha's tsx loader.
import { register } from 'tsx/esm/api';

register();
await import('../../src/core/scan/scan-worker.ts');
