// The board's rows: each agent with its alerts at the current second, filtered and sorted as the
// lead asked. Pure, so the board can compute it once per tick for all 200 rows.
import type { FloorAlertKind } from '../../../shared/queue/floor';
import type { AgentSnapshot, AgentStateName } from '../../../shared/softphone/agent';
import { assertNever } from '../../../shared/result';
import { alertsOf, callStartMs, stateStartMs } from './floorAlerts';
import type { FloorState } from './floorSlice';

export interface FloorRow {
  agent: AgentSnapshot;
  alerts: FloorAlertKind[];
}

interface Keyed extends FloorRow {
  stateStart: number;
  callStart: number | null;
  signedIn: number | null;
}

// Building a collator costs more than sorting 200 names with it: one per language.
const collators = new Map<string, Intl.Collator>();
const collatorOf = (locale: string) => {
  let collator = collators.get(locale);
  if (!collator) {
    collator = new Intl.Collator(locale, { sensitivity: 'base', numeric: true });
    collators.set(locale, collator);
  }
  return collator;
};

/** The order states are listed in when sorting by state: busy to idle to away. */
const STATE_ORDER: Record<AgentStateName, number> = {
  on_call: 0,
  ringing: 1,
  wrap_up: 2,
  available: 3,
  break: 4,
  offline: 5,
};

const time = (iso: string | null | undefined) => (iso ? Date.parse(iso) : null);

/** Ascending comparison of a column; `null` (nothing to compare) always goes last. */
function compareNullable(a: number | null, b: number | null, sign: number): number {
  if (a === null && b === null) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return sign * (a - b);
}

/** Whether the filter lets an agent through, and its alerts at `now`. */
function passes(
  agent: AgentSnapshot,
  now: number,
  filter: FloorState['filter'],
  text: string,
  locale: string,
): FloorAlertKind[] | null {
  if (filter.state !== 'all' && agent.state.state !== filter.state) return null;
  if (
    text &&
    !agent.name.toLocaleLowerCase(locale).includes(text) &&
    !agent.username.toLocaleLowerCase(locale).includes(text)
  )
    return null;
  const alerts = alertsOf(agent, now);
  return filter.alertsOnly && alerts.length === 0 ? null : alerts;
}

/** How many rows the filter shows (the board's "12 of 200"), without sorting them. */
export function shownCount(
  agents: readonly AgentSnapshot[],
  now: number,
  filter: FloorState['filter'],
  locale: string,
): number {
  const text = filter.text.trim().toLocaleLowerCase(locale);
  return agents.reduce((n, a) => (passes(a, now, filter, text, locale) ? n + 1 : n), 0);
}

export function floorRows(
  agents: readonly AgentSnapshot[],
  now: number,
  filter: FloorState['filter'],
  sort: FloorState['sort'],
  locale: string,
): FloorRow[] {
  const text = filter.text.trim().toLocaleLowerCase(locale);
  const rows: Keyed[] = [];
  for (const agent of agents) {
    const alerts = passes(agent, now, filter, text, locale);
    if (alerts === null) continue;
    // Times read once per row, not once per comparison.
    rows.push({
      agent,
      alerts,
      stateStart: stateStartMs(agent),
      callStart: callStartMs(agent),
      signedIn: time(agent.signedInAt),
    });
  }
  const collator = collatorOf(locale);
  const sign = sort.direction === 'asc' ? 1 : -1;
  const byName = (a: Keyed, b: Keyed) => collator.compare(a.agent.name, b.agent.name);
  // Longer in state sorts as "more": its start is earlier.
  const longer = (a: Keyed, b: Keyed) => b.stateStart - a.stateStart;
  const compare = (a: Keyed, b: Keyed): number => {
    switch (sort.by) {
      case 'alerts':
        return sign * (a.alerts.length - b.alerts.length) || -longer(a, b);
      case 'name':
        return sign * byName(a, b);
      case 'state':
        return sign * (STATE_ORDER[a.agent.state.state] - STATE_ORDER[b.agent.state.state]) || -longer(a, b);
      case 'timeInState':
        return sign * longer(a, b);
      case 'call':
        // Longer calls are "more": an earlier start.
        return compareNullable(
          a.callStart === null ? null : -a.callStart,
          b.callStart === null ? null : -b.callStart,
          sign,
        );
      case 'line':
        return sign * (Number(a.agent.sipRegistered) - Number(b.agent.sipRegistered));
      case 'connected':
        return sign * (Number(a.agent.connected) - Number(b.agent.connected));
      case 'signedIn':
        return compareNullable(a.signedIn, b.signedIn, sign);
      default:
        return assertNever(sort.by, 'floor sort key');
    }
  };
  // Ties by name, so the order never depends on the order of the server's list.
  return rows.sort((a, b) => compare(a, b) || byName(a, b)).map(({ agent, alerts }) => ({ agent, alerts }));
}

/** How many agents need attention now, whatever the filter shows (the header's count). */
export const alertCount = (agents: readonly AgentSnapshot[], now: number) =>
  agents.reduce((n, agent) => (alertsOf(agent, now).length > 0 ? n + 1 : n), 0);
