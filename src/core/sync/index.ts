export * from './pull';
export * from './push';
export { listAllVersions, currentVersionId, type VersionInfo } from './versions';
