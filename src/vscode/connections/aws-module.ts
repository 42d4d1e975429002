// The AWS module's type, for code that must not import it eagerly (extension.ts loads it on first use).
export type AwsModule = typeof import('../../core/aws/index.js');
