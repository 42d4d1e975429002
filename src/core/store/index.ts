export * from './types';
export * from './capabilities';
export * from './errors';
export * from './validation';
export { ListingCache, SecretsEngine, versionRetention, type EngineOptions } from './engine';
export { EngineStore, batchGetOneByOne, rotationSteps, type RotationFunction, type RotationStep } from './engine-store';
export { MemoryStore } from './memory-store';
export { generateRandomPassword } from './random-password';
export { rotateWithGeneratedValue, parseJsonObject, type GeneratedRotation } from './rotate-value';
export { emptyState, type StoreState, type SecretRecord, type VersionRecord } from './state';
export {
  RotationStepLog,
  functionNameOf,
  generatedValueRotation,
  logGroupOf,
  stepLogOf,
  type LogEvent,
  type LogQuery,
  type RotationLogReader,
  type RotationStepRecord,
} from './rotation-steps';
