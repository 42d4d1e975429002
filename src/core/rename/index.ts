export * from './reference-identity';
export * from './reference-edits';
export * from './rename-secret';
