export * from './credential';
export * from './detect';
