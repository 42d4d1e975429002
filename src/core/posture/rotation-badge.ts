// How the explorer marks a secret's rotation health: a short word after its label for states that need action,
// an icon, and a tooltip paragraph with the reason and the one-line remedy (names and dates only).
import { rotationStateTitles, type RotationHealth, type RotationState } from './rotation-health';

export interface RotationBadge {
  state: RotationState;
  /** Shown after the label; undefined for states that need no attention at a glance. */
  label?: string;
  /** A codicon and its theme colour; undefined keeps the node's usual icon. */
  icon?: { id: string; color: string };
  /** Markdown, for the tooltip. */
  tooltip: string;
}

const badges: Record<RotationState, Pick<RotationBadge, 'label' | 'icon'>> = {
  failed: { label: 'rotation failed', icon: { id: 'error', color: 'list.errorForeground' } },
  overdue: { label: 'rotation overdue', icon: { id: 'watch', color: 'list.warningForeground' } },
  'not-configured': { label: 'no rotation', icon: { id: 'key', color: 'list.warningForeground' } },
  // most plain secrets: said in the tooltip, not on every row
  'never-rotated': {},
  healthy: {},
};

export function rotationBadge(health: RotationHealth, escape: (text: string) => string): RotationBadge {
  return {
    state: health.state,
    ...badges[health.state],
    tooltip: `**Rotation health: ${rotationStateTitles[health.state]}.** ${escape(health.reason)}  \n${escape(health.remedy)}`,
  };
}
