// Loads src/core/aws (and with it the AWS SDK) on first use only, keeping activation fast.
import type { AwsModule } from './aws-module';

export function loadAwsModule(): Promise<AwsModule> {
  // Replaced by `import('../../core/aws/index.js')` once the aws branch is merged.
  return Promise.reject(new Error('AWS connections are not available in this build yet.'));
}
