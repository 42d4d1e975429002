// Where "Move to …" can put a value. The explorer's ConnectionManager backs this in the extension; tests
// inject their own stores. Kept this small so the quick fix never depends on how connections are managed.
import type { SecretStore } from '../../core/store/index';

export interface SecretDestination {
  id: string;
  kind: 'aws' | 'local';
  /** e.g. "AWS Secrets Manager (prod, eu-west-1)" or "Local Vault". */
  label: string;
}

export interface SecretDestinationProvider {
  list(): SecretDestination[];
  getStore(id: string): Promise<SecretStore>;
  /** Called after a secret was stored, so views can refresh. */
  didStore?(id: string, name: string): void;
}

/** A provider over fixed stores (tests, and the fallback before any connection exists). */
export class StaticDestinations implements SecretDestinationProvider {
  constructor(private readonly entries: Array<SecretDestination & { store: SecretStore }>) {}

  list(): SecretDestination[] {
    return this.entries.map(({ id, kind, label }) => ({ id, kind, label }));
  }

  async getStore(id: string): Promise<SecretStore> {
    const entry = this.entries.find((candidate) => candidate.id === id);
    if (!entry) throw new Error(`Unknown destination ${id}.`);
    return entry.store;
  }
}

export function moveTitle(destination: SecretDestination): string {
  return destination.kind === 'local' ? 'Move to Local Vault…' : `Move to ${destination.label}…`;
}
