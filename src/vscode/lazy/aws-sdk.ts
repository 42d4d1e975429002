// Entry of dist/aws-sdk.js: the AWS SDK parts src/core/aws uses, bundled apart from dist/extension.js so that
// VS Code neither parses nor evaluates the SDK at activation. esbuild.mjs points the extension's imports of
// these packages here; src/core/aws loads lazily, so this file is required only when an AWS connection is used.
export * from '@aws-sdk/client-secrets-manager';
export { fromIni, fromNodeProviderChain, fromSSO } from '@aws-sdk/credential-providers';
// credential verification (STS GetCallerIdentity) and deactivation (IAM UpdateAccessKey); named, since the clients
// share names (ServiceException, $Command, …) that `export *` would make ambiguous
export { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
export { IAMClient, UpdateAccessKeyCommand } from '@aws-sdk/client-iam';
// rotation Lambdas' logs, for Show Rotation Logs
export { CloudWatchLogsClient, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
// access history (#23): CloudTrail LookupEvents
export { CloudTrailClient, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
