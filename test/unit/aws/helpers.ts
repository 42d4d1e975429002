// A local Secrets Manager server over a MemoryStore with a movable clock, and AWS stores that talk to it.
import { createAwsStore, type AwsSecretStore, type AwsStoreDeps } from '../../../src/core/aws/index';
import {
  startSecretsServer,
  simulatedRotationFunction,
  type RunningSecretsServer,
} from '../../../src/core/server/index';
import type { SecretsServerOptions } from '../../../src/core/server/server';
import { EngineStore, MemoryStore, SecretsEngine, emptyState } from '../../../src/core/store/index';

/** A backend for bulk fixtures: writes in place, where MemoryStore copies the whole state per write. */
export class InPlaceStore extends EngineStore {
  private readonly engine = new SecretsEngine(emptyState());
  protected async read<T>(fn: (engine: SecretsEngine) => T): Promise<T> {
    return fn(this.engine);
  }
  protected async write<T>(fn: (engine: SecretsEngine) => T): Promise<T> {
    return fn(this.engine);
  }
}

export interface LocalAws {
  server: RunningSecretsServer;
  backend: MemoryStore;
  advanceClock(ms: number): void;
  /** Environment that points an SDK at the server with its keys and no real AWS configuration. */
  env: NodeJS.ProcessEnv;
  connect(deps?: AwsStoreDeps): Promise<AwsSecretStore>;
  close(): Promise<void>;
}

export async function startLocalAws(options: Partial<SecretsServerOptions> = {}): Promise<LocalAws> {
  let offset = 0;
  const backend = new MemoryStore({ now: () => Date.now() + offset, rotationFunction: simulatedRotationFunction });
  const server = await startSecretsServer({ store: backend, ...options });
  const env: NodeJS.ProcessEnv = {
    AWS_ACCESS_KEY_ID: server.accessKeyId,
    AWS_SECRET_ACCESS_KEY: server.secretAccessKey,
    AWS_CONFIG_FILE: '/nonexistent/aws-config',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/aws-credentials',
    AWS_ENDPOINT_URL_SECRETS_MANAGER: server.endpoint,
  };
  const stores: AwsSecretStore[] = [];
  return {
    server,
    backend,
    env,
    advanceClock: (ms) => void (offset += ms),
    async connect(deps = {}) {
      const store = await createAwsStore({ region: server.region }, { env, ...deps });
      stores.push(store);
      return store;
    },
    async close() {
      for (const store of stores) store.destroy();
      await backend.settled();
      await server.close();
    },
  };
}
