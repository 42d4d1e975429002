// Public API of the detection engine (pure: no vscode).
export type { Finding, FindingConstruct, Position, QuoteChar, Range, ScanResult, SkipInfo } from './finding';
export { scanText, type ScanOptions } from './scanner';
export { DocumentScanner, type TextChange } from './document-scanner';
export {
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
  type FileReport,
  type ScanReport,
} from './report';
