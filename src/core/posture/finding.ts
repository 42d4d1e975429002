// What the posture checks report: a rule, a level, a message that never quotes a secret value, and the exact
// source range (offsets into the text that was checked), with an optional fix as text edits.

export type PostureRule =
  | 'policy-syntax'
  | 'policy-public-principal'
  | 'policy-cross-account-unrestricted'
  | 'policy-allow-not-principal'
  | 'policy-cross-account-all-actions'
  | 'policy-cross-account-aws-managed-key'
  | 'policy-store-validation'
  | 'iac-secret-read-on-all-resources'
  | 'iac-secret-without-rotation';

export type PostureSeverity = 'error' | 'warning' | 'information';

export interface TextEdit {
  offset: number;
  length: number;
  newText: string;
}

export interface PostureFix {
  title: string;
  edits: TextEdit[];
}

export interface PostureFinding {
  ruleId: PostureRule;
  severity: PostureSeverity;
  message: string;
  offset: number;
  length: number;
  fix?: PostureFix;
}
