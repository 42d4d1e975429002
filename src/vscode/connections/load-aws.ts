// Loads src/core/aws (and with it the AWS SDK) on first use only, keeping activation fast.
import type { AwsModule } from './aws-module';

export function loadAwsModule(): Promise<AwsModule> {
  return import('../../core/aws/index.js');
}
