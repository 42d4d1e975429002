// The posture rules as a report describes them (SARIF `rules`, docs/posture.md): a title, the default level and
// help saying what is wrong and what to change. Findings carry their own, more specific message.
import type { PostureRule, PostureSeverity } from './finding';

export const POSTURE_DOC_URL = 'https://github.com/secrets-workbench/secrets-workbench/blob/main/docs/posture.md';

export interface PostureRuleInfo {
  id: PostureRule;
  title: string;
  level: PostureSeverity;
  help: string;
}

export const postureRules: readonly PostureRuleInfo[] = [
  {
    id: 'policy-syntax',
    title: 'Resource policy IAM would refuse',
    level: 'error',
    help: 'Secrets Manager refuses this resource policy (MalformedPolicyDocumentException). Fix the listed problems.',
  },
  {
    id: 'policy-public-principal',
    title: 'Wildcard principal without a restricting condition',
    level: 'error',
    help:
      'Principal "*" (or AWS "*") on an Allow statement with no condition narrowing who calls lets anyone with AWS ' +
      'credentials use the secret. Name the principals, or add a condition such as aws:PrincipalOrgID or ' +
      'aws:SourceAccount.',
  },
  {
    id: 'policy-cross-account-unrestricted',
    title: 'Cross-account grant without an organization or source-account condition',
    level: 'warning',
    help:
      'A principal of another account is allowed in without aws:PrincipalOrgID, aws:PrincipalOrgPaths or ' +
      'aws:SourceAccount. Add one so only the intended callers get in.',
  },
  {
    id: 'policy-allow-not-principal',
    title: 'Allow with NotPrincipal',
    level: 'warning',
    help:
      'Allow with NotPrincipal grants access to every principal not listed, including other accounts. Use ' +
      'Principal with the principals that need access.',
  },
  {
    id: 'policy-cross-account-all-actions',
    title: 'All Secrets Manager actions granted to another account',
    level: 'warning',
    help:
      'secretsmanager:* (or *) lets another account change and delete the secret. Grant only the actions it ' +
      'needs, such as secretsmanager:GetSecretValue.',
  },
  {
    id: 'policy-cross-account-aws-managed-key',
    title: 'Cross-account grant on a secret under the AWS-managed key',
    level: 'error',
    help:
      'The AWS-managed key aws/secretsmanager cannot be shared, so another account cannot decrypt the secret. ' +
      'Encrypt it with a customer-managed KMS key and grant that account kms:Decrypt.',
  },
  {
    id: 'policy-store-validation',
    title: 'ValidateResourcePolicy finding',
    level: 'error',
    help: "The store's ValidateResourcePolicy (against AWS, AWS's own checks) did not pass this resource policy.",
  },
  {
    id: 'iac-secret-read-on-all-resources',
    title: 'Secret read on Resource "*"',
    level: 'warning',
    help:
      'An identity-policy statement allows secretsmanager:GetSecretValue (or a wildcard covering it) on ' +
      'Resource "*", so its holder can read every secret in the account. Name the secrets it needs (the editor ' +
      "offers a fix narrowing Resource to the file's secrets).",
  },
  {
    id: 'iac-secret-without-rotation',
    title: 'Secret without a rotation schedule',
    level: 'information',
    help:
      'A secret is defined with no AWS::SecretsManager::RotationSchedule / aws_secretsmanager_secret_rotation ' +
      'for it in the same file. Add one so it rotates.',
  },
];
