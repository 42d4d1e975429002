export { startSecretsServer, generateAccessKey, type RunningSecretsServer, type SecretsServerOptions } from './server';
export { SigV4Verifier, AuthFailure, NodeSha256, maxClockSkewMs, type AccessKey } from './sigv4';
export { simulatedRotationFunction, simulatedRotationLambdas } from './rotation';
export { IdentityService, signedService, type KnownAccessKey } from './identity';
