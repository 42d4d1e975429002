export * from './env-map';
export { EnvResolutionError, resolveEnvEntries, resolveEnvMap } from './resolve';
export { envMapOf, findProjectConfig, readEnvMap } from './project-env';
export * from './launch-env';
