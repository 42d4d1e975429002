// The local vault's use cases. Opening it (the extension's default connection): on first use a raw key is
// generated and kept in VS Code's SecretStorage (the OS keyring); where that does not work, the user is told
// and a passphrase protects it. Key storage and questions come in as ports. Creating a passphrase vault (the
// CLI's `init`) and adding a passphrase apply the same passphrase rule (askNewPassphrase).
import { rm } from 'node:fs/promises';
import type { GenerationRecords, VaultKey, VaultStore } from '../vault/index';
import { PASSPHRASE_MIN_LENGTH, passphraseProblem } from '../policy';
import { attempt, required, type Ports, type UserInput } from './ports';

export interface KeyStorage {
  get(key: string): Thenable<string | undefined> | Promise<string | undefined>;
  store(key: string, value: string): Thenable<void> | Promise<void>;
}

export interface LocalVaultDeps {
  path: string;
  keyStorage: KeyStorage;
  keyName: string;
  ui(): UserInput;
  log(message: string): void;
  /** The last generation seen of each vault (the extension's global state): an older vault file is refused. */
  generations?: GenerationRecords;
}

export async function openLocalVault(deps: LocalVaultDeps): Promise<VaultStore> {
  const { VaultStore, generateRawVaultKey, isVaultError } = await import('../vault/index.js');
  if (await VaultStore.exists(deps.path)) {
    const vaultId = await VaultStore.readVaultId(deps.path);
    // each vault's key has its own entry, so pointing the setting at another vault never replaces a key; the
    // single entry of earlier versions is still tried (and copied to the vault's own entry when it fits)
    for (const name of [keyNameOf(deps, vaultId), deps.keyName]) {
      const stored = await readKey(deps, name);
      if (!stored) continue;
      try {
        const vault = await openChecked(deps, { kind: 'raw', key: stored });
        if (name === deps.keyName) await tryStoreKey(deps, keyNameOf(deps, vaultId), stored);
        return vault;
      } catch (error) {
        if (!isVaultError(error, 'WrongKey')) throw error;
      }
    }
    deps.log(`Secret storage has no key that opens ${deps.path}; asking for its passphrase.`);
    const passphrase = await deps.ui().text({
      title: 'Unlock Local Vault',
      prompt: `Enter the passphrase of the vault ${deps.path} (this machine's secret storage has no key for it).`,
      password: true,
    });
    if (passphrase === undefined) throw new Error('The local vault stays locked: no passphrase was entered.');
    const vault = await openChecked(deps, { kind: 'passphrase', passphrase });
    // Remember a fresh raw key so the next session opens without asking.
    const key = generateRawVaultKey();
    if (await tryStoreKey(deps, keyNameOf(deps, vaultId), key)) await vault.addKeySlot({ kind: 'raw', key });
    return vault;
  }
  const key = generateRawVaultKey();
  const created = await VaultStore.create(deps.path, { kind: 'raw', key }, { generations: deps.generations });
  if (await tryStoreKey(deps, keyNameOf(deps, created.vaultId), key)) {
    deps.log(`Created the local vault ${deps.path}; its key is kept in VS Code secret storage.`);
    return created;
  }
  // no keyring: the new vault is still empty, so it is replaced by one that a passphrase opens
  created.close();
  await rm(deps.path, { force: true });
  await deps
    .ui()
    .notify(
      'warning',
      'VS Code cannot keep the local vault key in an OS keyring on this machine. Choose a passphrase to protect the new vault; you will be asked for it in each session.',
    );
  const passphrase = await askNewPassphrase(deps.ui(), 'Protect the New Local Vault');
  if (passphrase === undefined) throw new Error('No local vault was created: no passphrase was chosen.');
  return VaultStore.create(deps.path, { kind: 'passphrase', passphrase }, { generations: deps.generations });
}

/** Rollback records kept in VS Code's global state (loaded lazily, like the rest of the vault code). */
export async function globalStateGenerations(state: {
  get(key: string): unknown;
  update(key: string, value: unknown): PromiseLike<void>;
}): Promise<GenerationRecords> {
  const { KeyValueGenerationRecords } = await import('../vault/index.js');
  return new KeyValueGenerationRecords(state);
}

/**
 * Opens with rollback detection. A vault file older than the one last seen here (a restored backup, a sync
 * tool, someone with file access) opens only after the user accepts it in a modal.
 */
async function openChecked(deps: LocalVaultDeps, key: VaultKey): Promise<VaultStore> {
  const { VaultStore, isVaultError } = await import('../vault/index.js');
  try {
    return await VaultStore.open(deps.path, key, { generations: deps.generations });
  } catch (error) {
    if (!isVaultError(error, 'Rollback')) throw error;
    const accepted = await deps.ui().confirm({
      message: `The local vault ${deps.path} is older than the one last seen on this machine.`,
      detail: `${error.message}\n\nOpen this older copy anyway? Newer values it lacks are not recovered.`,
      confirmLabel: 'Open the Older Vault',
    });
    if (!accepted) throw error;
    deps.log(`Opened ${deps.path} after accepting an older generation of it.`);
    return VaultStore.open(deps.path, key, { generations: deps.generations, acceptRollback: true });
  }
}

/** The secret-storage entry of one vault's raw key. */
function keyNameOf(deps: LocalVaultDeps, vaultId: string): string {
  return `${deps.keyName}/${vaultId}`;
}

/** Asks for a new passphrase twice; undefined when the user cancels. */
export async function askNewPassphrase(ui: UserInput, title: string): Promise<string | undefined> {
  const first = await ui.text({
    title,
    prompt: `Choose a passphrase (at least ${PASSPHRASE_MIN_LENGTH} characters). You need it to open the vault from the CLI or another machine.`,
    password: true,
    validate: passphraseProblem,
    step: { current: 1, total: 2 },
  });
  if (first === undefined) return undefined;
  const second = await ui.text({
    title,
    prompt: 'Enter the same passphrase again.',
    password: true,
    validate: (text) => (text !== first ? 'The passphrases differ.' : undefined),
    step: { current: 2, total: 2 },
  });
  return second === undefined ? undefined : first;
}

async function readKey(deps: LocalVaultDeps, name: string): Promise<Buffer | undefined> {
  try {
    const text = await deps.keyStorage.get(name);
    const key = text ? Buffer.from(text, 'base64') : undefined;
    return key?.length === 32 ? key : undefined;
  } catch {
    return undefined;
  }
}

/** Stores the key and reads it back: SecretStorage without a keyring may fail either way. */
async function tryStoreKey(deps: LocalVaultDeps, name: string, key: Buffer): Promise<boolean> {
  try {
    await deps.keyStorage.store(name, key.toString('base64'));
    return (await deps.keyStorage.get(name)) === key.toString('base64');
  } catch {
    return false;
  }
}

/** Creates a vault that a new passphrase opens; refuses (returns false) when a vault is already there. */
export async function initPassphraseVault(ports: Ports, path: string): Promise<boolean> {
  const { VaultStore } = await import('../vault/index.js');
  if (await VaultStore.exists(path)) return false;
  const passphrase = required(await askNewPassphrase(ports.ui, `New vault ${path}`));
  (await VaultStore.create(path, { kind: 'passphrase', passphrase })).close();
  ports.log.info(`Created the vault ${path}, opened by a passphrase.`);
  return true;
}

/** Adds a passphrase slot to an open vault, so it also opens with the passphrase (the CLI, another machine). */
export async function addVaultPassphrase(ports: Ports, vault: VaultStore): Promise<void> {
  const passphrase = required(await askNewPassphrase(ports.ui, 'Add Passphrase to Local Vault'));
  await ports.progress('Adding a passphrase to the local vault', () =>
    attempt('Adding a passphrase to the local vault', () => vault.addKeySlot({ kind: 'passphrase', passphrase })),
  );
  ports.log.info(`Added a passphrase to the vault ${vault.path}.`);
}
