// The part of src/core/aws the extension uses. Loaded with a dynamic import() on first use, so activation
// never evaluates the AWS SDK.
import type { SecretStore } from '../../core/store/types';

export interface AwsProfileInfo {
  name: string;
  region?: string;
  kind: 'static' | 'sso' | 'role' | 'process' | 'other';
  endpointUrl?: string;
}

export interface AwsModule {
  createAwsStore(
    config: { profile?: string; region?: string; endpoint?: string },
    deps?: { env?: NodeJS.ProcessEnv },
  ): Promise<SecretStore & { readonly region: string }>;
  listAwsProfiles(env?: NodeJS.ProcessEnv): Promise<AwsProfileInfo[]>;
  readonly awsRegions: readonly string[];
}
