export { VaultStore, type VaultOptions } from './vault-store';
export { VaultError, isVaultError, type VaultErrorCode } from './errors';
export {
  generateRawVaultKey,
  defaultScrypt,
  scryptFloor,
  scryptCeiling,
  maxKeySlots,
  type VaultKey,
  type ScryptParams,
  type KeySlot,
} from './keys';
export { formatVersion, vaultMagic } from './format';
export {
  FileGenerationRecords,
  KeyValueGenerationRecords,
  MemoryGenerationRecords,
  userStateFolder,
  type GenerationRecords,
} from './generations';
