export type { FindOptions, ReferenceKind, SecretReference } from './types';
export { findReferences, distinctSecretIds } from './finder';
export { ReferenceIndex, sameReferences, type ReferenceIndexListener } from './reference-index';
export { parseSecretId, sameSecret, secretNameOf } from './arn';
export {
  findWorkspaceReferences,
  indexWorkspace,
  isReferencePath,
  projectEnvMap,
  referenceFileExtensions,
  MAX_REFERENCE_FILE_BYTES,
  type IndexWorkspaceOptions,
  type WorkspaceIndexResult,
  type WorkspaceScan,
} from './workspace';
