// Public API of opt-in credential verification (pure: no vscode).
export type { AccessKeyPair, VerificationResult, VerificationStatus, Verifier } from './types';
export { verifierFor, verifiers } from './verifiers';
export {
  VerificationCache,
  credentialFingerprint,
  verificationTarget,
  verifyCredential,
  VERIFY_TIMEOUT_MS,
  type VerifyOptions,
} from './verify';
export { describeVerification, verificationQuestion } from './describe';
