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
export {
  fromCloudTrail,
  toCloudTrail,
  secretResourceType,
  secretsManagerEventSource,
  type CloudTrailLookupEvent,
} from './cloudtrail';
export { lookupEventsPermission, MissingPermissionError } from './permissions';
export { cleanupAfterDays, describeUnread, isCleanupCandidate, unreadFor, type Unread } from './cleanup';
export { accessHistoryReport, type SecretAccessHistory } from './report';
