export { concernsSecret, newestFirst, valueReadActions, type AccessEvent, type SecretIdentity } from './event';
export {
  AccessLogWriter,
  accessLogPathFor,
  defaultAccessLogMaxBytes,
  readAccessHistory,
  rotatedAccessLogPath,
  type AccessLogOptions,
  type ReadAccessHistoryOptions,
} from './log';
