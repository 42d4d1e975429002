// Push offline changes: compare the vault with AWS, show each difference, and push only what the user accepts.
// Conflicts (AWS changed meanwhile) are shown too and never pushed. The front shows diffs and keeps a log.
import type { SecretStore } from '../store/types';
import { applyPush, planPush, pushableStatuses, type PushOutcome, type PushPlanEntry } from '../sync/index';
import type { Ports, UserInput } from './ports';

export interface PushOffline {
  local: SecretStore;
  remote: SecretStore;
  /** Without questions: 'all' pushes every pushable secret, 'none' only reports. */
  decide?: 'all' | 'none';
  /** Shows AWS's value against the vault's for one entry, titled `what`. */
  showDiff(entry: PushPlanEntry, what: string): Promise<void>;
  /** One line of the report (the front's output channel). */
  report(line: string): void;
}

export async function pushOfflineChanges(
  ports: Pick<Ports, 'ui' | 'progress'>,
  push: PushOffline,
): Promise<{ plan: PushPlanEntry[]; outcomes: PushOutcome[] }> {
  const plan = await ports.progress('Comparing the vault with AWS', () => planPush(push.local, push.remote));
  const pushable = plan.filter((e) => pushableStatuses.includes(e.status));
  const conflicts = plan.filter((e) => e.status === 'conflict');
  push.report(`Push offline changes: ${plan.length} vault secrets compared with AWS`);
  for (const entry of plan) push.report(`  ${entry.status.padEnd(14)} ${entry.name}: ${entry.reason}`);

  for (const entry of conflicts) await push.showDiff(entry, 'conflict: AWS changed meanwhile, not pushed');
  if (conflicts.length) {
    void ports.ui.notify(
      'warning',
      `Not pushed, because AWS changed them while you were offline: ${conflicts.map((e) => e.name).join(', ')}. ` +
        'Compare and resolve them by hand.',
    );
  }
  if (pushable.length === 0) {
    if (!conflicts.length) void ports.ui.notify('info', 'Nothing to push: no vault changes made offline.');
    return { plan, outcomes: [] };
  }

  const outcomes: PushOutcome[] = [];
  let pushRest = push.decide === 'all';
  for (const entry of pushable) {
    if (push.decide === 'none') break;
    await push.showDiff(entry, 'AWS ↔ vault (changed offline)');
    if (!pushRest) {
      const choice = await ports.ui.notify(
        'info',
        `Push the vault's version of "${entry.name}" to AWS? It becomes AWSCURRENT; AWS's current one becomes AWSPREVIOUS.`,
        'Push',
        'Push All',
        'Skip',
      );
      if (choice === undefined) break;
      if (choice === 'Skip') continue;
      pushRest = choice === 'Push All';
    }
    const outcome = await applyPush(push.local, push.remote, entry);
    outcomes.push(outcome);
    push.report(`  ${outcome.status.padEnd(14)} ${entry.name}${outcome.message ? ` (${outcome.message})` : ''}`);
  }
  summarize(ports.ui, outcomes);
  return { plan, outcomes };
}

function summarize(ui: UserInput, outcomes: PushOutcome[]): void {
  const count = (status: PushOutcome['status']) => outcomes.filter((o) => o.status === status).length;
  const pushed = count('pushed') + count('current-moved');
  const refused = outcomes.filter((o) => o.status === 'conflict' || o.status === 'failed');
  const text = `Pushed ${pushed} secret${pushed === 1 ? '' : 's'} to AWS.`;
  if (refused.length === 0) void ui.notify('info', text);
  else void ui.notify('warning', `${text} Not pushed: ${refused.map((o) => `${o.name} (${o.status})`).join(', ')}.`);
}
