// What the offline features need from the rest of the extension, kept narrow so they do not depend on how
// connections are composed (the explorer's ConnectionManager satisfies it through a small adapter).
import type { SecretStore } from '../../core/store/index';
import type { OfflineEndpoint } from '../../core/offline/environment';
import type { UserInput } from '../../core/usecases/ports';

export interface OfflineServer extends OfflineEndpoint {
  close(): Promise<void>;
}

export interface AwsConnectionChoice {
  id: string;
  label: string;
  description?: string;
}

/** The extension's one log (a LogOutputChannel): the offline reports are written there, and "Show" opens it. */
export interface OfflineLog {
  info(line: string): void;
  show(): void;
}

export interface OfflineDeps {
  /** Every question and notification goes through here (tests script it). */
  ui(): UserInput;
  log: OfflineLog;
  /** The local vault (unlocked by whoever owns it). */
  localStore(): Promise<SecretStore>;
  /** AWS connections the user configured. */
  awsConnections(): AwsConnectionChoice[];
  awsStore(connectionId: string): Promise<SecretStore>;
  /** Starts the Secrets Manager protocol server over a store on 127.0.0.1, random port, with these keys. */
  startServer(
    store: SecretStore,
    credentials: { accessKeyId: string; secretAccessKey: string },
  ): Promise<OfflineServer>;
}
