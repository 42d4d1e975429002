export * from './env-map';
export { EnvResolutionError, resolveEnvMap } from './resolve';
export { envMapOf, findProjectConfig, readEnvMap } from './project-env';
