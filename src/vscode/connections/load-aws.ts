// Loads src/core/aws (and with it the AWS SDK) on first use only, keeping activation fast:
// esbuild keeps the module in the bundle but evaluates it only when this import() runs.
import type { AwsModule } from './aws-module';

export function loadAwsModule(): Promise<AwsModule> {
  return import('../../core/aws/index.js');
}
