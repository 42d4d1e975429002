// Public API of the detection engine (pure: no vscode).
export type {
  DroppedMatch,
  Finding,
  FindingConstruct,
  FindingSignals,
  Position,
  QuoteChar,
  Range,
  ScanResult,
  SkipInfo,
} from './finding';
export { explainSignals } from './explain';
export { scanText, type ScanOptions } from './scanner';
export { DocumentScanner, type TextChange } from './document-scanner';
export {
  additionsOnly,
  CONFIG_FILE_NAME,
  ConfigError,
  configForExplicitPaths,
  emptyConfig,
  isIgnoredByConfig,
  loadConfigFile,
  parseConfig,
  type CustomRuleConfig,
  type DetectionConfig,
} from './config';
export { allRuleInfos, ruleInfo, type RuleInfo } from './rules';
export { sha256Hex as hashValue } from './checksums';
export {
  formatJson,
  formatSarif,
  formatText,
  maskValue,
  RULES_DOC_URL,
  rulesFor,
  summaryLine,
  configWeakening,
  weakeningLine,
  type ConfigWeakening,
  type FileReport,
  type ScanReport,
} from './report';
export { customRuleProblems, type CustomRuleProblem } from './line-scanner';
export { keyedHash, newValueHashSalt, valueHashingFor, allowList, KEYED_PREFIX, type ValueHashing } from './value-hash';
