// What a store can do beyond the common SecretStore operations. Fronts read these (menus, prompts, CLI checks)
// instead of asking which kind of store it is: a new backend declares its own and every front follows.

export interface StoreCapabilities {
  /** The data stays on this machine (the local vault): it has no cloud copy, and can be pushed to one. */
  readonly localOnly: boolean;
  /** RotateSecret invokes a rotation Lambda (schedules, `rotationLambdaArn`) instead of only storing its ARN. */
  readonly rotationLambda: boolean;
  /** Resource policies can be read, put and validated. */
  readonly resourcePolicy: boolean;
  /** Values are encrypted with a chosen KMS key (`kmsKeyId` has an effect, not only a record). */
  readonly kms: boolean;
  /**
   * Replicating to other regions means something: there are regions holding copies. Not for the local vault:
   * its engine records replica metadata with AWS's rules (so the local server, over any engine store, speaks
   * ReplicateSecretToRegions to SDK clients), but a local-only vault has no regions, so no front offers it there.
   */
  readonly replicas: boolean;
  /** Deletion can be scheduled with a 7–30 day recovery window, and restored within it. */
  readonly recoveryWindow: boolean;
  /** Who called what on a secret can be read (`accessEvents`): CloudTrail, or the local server's access log. */
  readonly accessHistory: boolean;
}

/** The engine over a file or memory (the local vault, the test store): AWS's rules, nothing that needs AWS. */
export const engineCapabilities: StoreCapabilities = {
  localOnly: true,
  rotationLambda: false,
  resourcePolicy: true,
  kms: false,
  replicas: false, // the operations work (the server needs them); the fronts do not offer them (see above)
  recoveryWindow: true,
  // only the vault has a log (its server's, beside the file); the memory store has none
  accessHistory: false,
};

/** The local vault: the engine's, plus the access log its server keeps beside the file. */
export const vaultCapabilities: StoreCapabilities = { ...engineCapabilities, accessHistory: true };

/** AWS Secrets Manager. */
export const awsCapabilities: StoreCapabilities = {
  localOnly: false,
  rotationLambda: true,
  resourcePolicy: true,
  kms: true,
  replicas: true,
  recoveryWindow: true,
  accessHistory: true,
};
