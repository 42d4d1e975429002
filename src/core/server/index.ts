export { startSecretsServer, generateAccessKey, type RunningSecretsServer, type SecretsServerOptions } from './server';
export { SigV4Verifier, AuthFailure, maxClockSkewMs, type AccessKey } from './sigv4';
export { simulatedRotationFunction, simulatedRotationLambdas } from './rotation';
