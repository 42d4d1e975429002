// The AWS module's type, for code that must not import it eagerly (see load-aws.ts).
export type AwsModule = typeof import('../../core/aws/index.js');
