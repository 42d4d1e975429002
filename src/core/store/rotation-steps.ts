// The steps of local rotations (the simulated rotation Lambdas and the generated-value rotation), recorded with
// their time and outcome and read back as CloudWatch Logs-shaped events, so "Show Rotation Logs" reads them
// exactly as it reads a rotation Lambda's log group. Records hold names, ids, steps and error messages (which in
// this project never carry values), never a value. Kept in memory, newest `capacity` only.
export type RotationStep = 'createSecret' | 'setSecret' | 'testSecret' | 'finishSecret';

/** The log group a function's events go to, as Lambda names it. */
export const logGroupOf = (functionName: string) => `/aws/lambda/${functionName}`;

/** The function name of a Lambda ARN (`…:function:NAME[:qualifier]`), or the text itself when it is a bare name. */
export function functionNameOf(lambdaArn: string): string {
  return lambdaArn.includes(':function:') ? lambdaArn.split(':function:')[1]!.split(':')[0]! : lambdaArn;
}

/** The log group name under which the generated-value rotation (no Lambda) records its steps. */
export const generatedValueRotation = 'secrets-workbench-generated-value';

export interface RotationStepRecord {
  /** Epoch milliseconds. */
  at: number;
  functionName: string;
  secretArn: string;
  clientRequestToken: string;
  step: RotationStep;
  outcome: 'succeeded' | 'failed';
  /** Why a step failed (an error's name and message). */
  error?: string;
}

/** One CloudWatch Logs event (FilterLogEvents' shape, camelCase). */
export interface LogEvent {
  timestamp: number;
  message: string;
  logStreamName: string;
  eventId?: string;
}

export interface LogQuery {
  logGroupName: string;
  /** Epoch milliseconds, inclusive. */
  startTime?: number;
  endTime?: number;
}

/** Where a store's rotation functions log: CloudWatch Logs for AWS, the recorded steps for local stores. */
export interface RotationLogReader {
  /** What is read, for the report (e.g. "CloudWatch Logs, us-east-1"). */
  readonly source: string;
  /** The group's events in the time range, oldest first; undefined when the log group does not exist. */
  filterEvents(query: LogQuery): Promise<LogEvent[] | undefined>;
}

/** `2026/12/06/[$LATEST]<token without dashes>`: one stream per rotation, as Lambda names its streams. */
function streamOf(record: RotationStepRecord): string {
  const day = new Date(record.at).toISOString().slice(0, 10).replace(/-/g, '/');
  return `${day}/[$LATEST]${record.clientRequestToken.replace(/-/g, '')}`;
}

/** The line a rotation template would log for the step (the step name first, as AWS's templates write it). */
export function messageOf(record: RotationStepRecord): string {
  const where = `for ARN ${record.secretArn} and version ${record.clientRequestToken}`;
  return record.outcome === 'succeeded'
    ? `${record.step}: Successfully completed ${where}.`
    : `[ERROR] ${record.step}: Failed ${where}: ${record.error ?? 'unknown error'}`;
}

export class RotationStepLog implements RotationLogReader {
  readonly source = 'local rotation steps';
  private readonly records: Array<RotationStepRecord & { seq: number }> = [];
  private seq = 0;

  constructor(private readonly options: { now?: () => number; capacity?: number } = {}) {}

  /** Runs one step, recording its outcome; a failure is recorded and rethrown. */
  async run<T>(what: Omit<RotationStepRecord, 'at' | 'outcome' | 'error'>, step: () => Promise<T>): Promise<T> {
    try {
      const result = await step();
      this.record({ ...what, outcome: 'succeeded' });
      return result;
    } catch (error) {
      const reason = error instanceof Error ? `${error.name}: ${error.message}` : 'unknown error';
      this.record({ ...what, outcome: 'failed', error: reason.slice(0, 300) });
      throw error;
    }
  }

  record(record: Omit<RotationStepRecord, 'at'>): void {
    this.records.push({ ...record, at: (this.options.now ?? Date.now)(), seq: this.seq++ });
    const excess = this.records.length - (this.options.capacity ?? 1000);
    if (excess > 0) this.records.splice(0, excess);
  }

  list(): readonly RotationStepRecord[] {
    return this.records;
  }

  async filterEvents(query: LogQuery): Promise<LogEvent[] | undefined> {
    const inGroup = this.records.filter((r) => logGroupOf(r.functionName) === query.logGroupName);
    if (!inGroup.length) return undefined;
    return inGroup
      .filter((r) => r.at >= (query.startTime ?? 0) && r.at <= (query.endTime ?? Infinity))
      .map((r) => ({
        timestamp: r.at,
        message: messageOf(r),
        logStreamName: streamOf(r),
        eventId: String(r.seq).padStart(12, '0'),
      }));
  }
}

/** The step log of a store that records its rotations (the engine-backed ones), else undefined. */
export function stepLogOf(store: object): RotationStepLog | undefined {
  // by shape, not instanceof: a store made by another bundle of this code (a test harness) records all the same
  const log = (store as { rotationLogs?: Partial<RotationStepLog> }).rotationLogs;
  return typeof log?.run === 'function' && typeof log.record === 'function' ? (log as RotationStepLog) : undefined;
}
