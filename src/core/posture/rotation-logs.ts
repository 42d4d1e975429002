// "Show Rotation Logs": which rotation step failed, from a rotation function's log events, and the events of that
// step for one secret. AWS's rotation templates name the step in their lines ("setSecret: …") and a Python
// traceback names the step's function (`set_secret`); Lambda brackets each invocation with START/END/REPORT
// RequestId lines. Local stores record their steps in the same shape (store/rotation-steps.ts).
import type { LogEvent, RotationStep } from '../store/rotation-steps';

const steps: readonly RotationStep[] = ['createSecret', 'setSecret', 'testSecret', 'finishSecret'];
const snake: Record<RotationStep, string> = {
  createSecret: 'create_secret',
  setSecret: 'set_secret',
  testSecret: 'test_secret',
  finishSecret: 'finish_secret',
};
const errorLine = /\[ERROR\]|Traceback|Exception|\bError\b|\bfailed\b|Task timed out/i;
const requestIdOf = (message: string) => /^(?:START|END|REPORT) RequestId: ([\w-]+)/.exec(message)?.[1];

/** The step a line names, camelCase or as the Python function. */
export function stepNamed(message: string): RotationStep | undefined {
  return steps.find((step) => message.includes(step) || message.includes(snake[step]));
}

/** One Lambda invocation (START … REPORT), or one event where the stream has no such brackets. */
interface Invocation {
  events: LogEvent[];
  step?: RotationStep;
  failed: boolean;
  /** Names the secret (its ARN or name), as the templates' lines do. */
  aboutSecret: boolean;
}

function invocations(events: readonly LogEvent[], secret: { arn: string; name: string }): Invocation[] {
  const open = new Map<string, LogEvent[]>();
  const grouped: LogEvent[][] = [];
  for (const event of [...events].sort((a, b) => a.timestamp - b.timestamp)) {
    const requestId = requestIdOf(event.message);
    const key = event.logStreamName;
    if (requestId && event.message.startsWith('START')) {
      const group = [event];
      open.set(key, group);
      grouped.push(group);
    } else if (open.has(key)) {
      open.get(key)!.push(event);
      if (requestId && event.message.startsWith('REPORT')) open.delete(key);
    } else {
      grouped.push([event]);
    }
  }
  return grouped.map((group) => {
    const text = group.map((e) => e.message);
    return {
      events: group,
      step: text.map(stepNamed).find((s) => s !== undefined),
      failed: text.some((m) => errorLine.test(m)),
      aboutSecret: text.some((m) => m.includes(secret.arn) || m.includes(secret.name)),
    };
  });
}

export interface RotationLogAnalysis {
  /** The step of the most recent failed invocation, when one is found. */
  failingStep?: RotationStep;
  /** The events of that step (of every invocation of it), oldest first; without a failing step, all of them. */
  events: LogEvent[];
  /** How many events were read. */
  read: number;
}

/**
 * Finds the failing step. Invocations naming the secret are preferred (a function may rotate many secrets);
 * when none names it, all are used.
 */
export function analyzeRotationLogs(
  events: readonly LogEvent[],
  secret: { arn: string; name: string },
): RotationLogAnalysis {
  const all = invocations(events, secret);
  const mine = all.some((i) => i.aboutSecret) ? all.filter((i) => i.aboutSecret) : all;
  const failingStep = [...mine].reverse().find((i) => i.failed && i.step)?.step;
  const chosen = failingStep ? mine.filter((i) => i.step === failingStep) : mine;
  return { failingStep, events: chosen.flatMap((i) => i.events), read: events.length };
}

/** The Lambda's page in the AWS console, for a function ARN (undefined for a bare name). */
export function lambdaConsoleUrl(lambdaArn: string): string | undefined {
  const match = /^arn:(aws[a-z-]*):lambda:([a-z0-9-]+):\d{12}:function:([A-Za-z0-9_-]+)/.exec(lambdaArn);
  if (!match) return undefined;
  const [, partition, region, name] = match;
  const host =
    partition === 'aws-cn'
      ? `${region}.console.amazonaws.cn`
      : partition === 'aws-us-gov'
        ? `${region}.console.amazonaws-us-gov.com`
        : `${region}.console.aws.amazon.com`;
  return `https://${host}/lambda/home?region=${region}#/functions/${name}?tab=monitoring`;
}

export interface RotationLogsReportInput {
  secretName: string;
  connectionLabel: string;
  /** The rotation health line (state and reason). */
  health: string;
  logGroupName: string;
  source: string;
  /** The rotation Lambda, when the secret has one. */
  lambdaArn?: string;
  since: Date;
  /** Undefined when the log group does not exist. */
  analysis?: RotationLogAnalysis;
}

const time = (ms: number) => new Date(ms).toISOString().replace('T', ' ').slice(0, 23);

/** A Markdown page: what was read, the failing step, the link to the Lambda, and the step's events. */
export function rotationLogsReport(input: RotationLogsReportInput): string {
  const { analysis } = input;
  const link = input.lambdaArn && lambdaConsoleUrl(input.lambdaArn);
  const found = !analysis
    ? `The log group \`${input.logGroupName}\` does not exist: the function has not logged anything yet.`
    : analysis.failingStep
      ? `Failing step: **${analysis.failingStep}** (${analysis.events.length} of ${analysis.read} events shown).`
      : analysis.read
        ? `No failed step found in ${analysis.read} events; all shown.`
        : 'No events in this period.';
  const fence = '````';
  return [
    `# Rotation logs: ${input.secretName}`,
    '',
    `- Connection: ${input.connectionLabel}`,
    `- Rotation health: ${input.health}`,
    `- Rotation function: ${input.lambdaArn ?? 'none (generated-value rotation)'}`,
    ...(link ? [`- Open the Lambda in the AWS console: ${link}`] : []),
    `- Log group: \`${input.logGroupName}\` (${input.source}), since ${time(input.since.getTime())} UTC`,
    '',
    found,
    '',
    ...(analysis?.events.length
      ? [
          fence + 'log',
          ...analysis.events.map((e) => `${time(e.timestamp)} ${e.logStreamName} ${e.message.trimEnd()}`),
          fence,
          '',
        ]
      : []),
  ].join('\n');
}
