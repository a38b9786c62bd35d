// The open incidents main has heard of (issue 14, part 3): the server's list read at every welcome
// of the live channel, then each incident the channel announces as new or changed. It turns them into
// `incidents:changed` events for the renderer: a lead's cockpit alerts on `isNew`, an operator's hint
// re-reads what it shows. A closed (or merged away) incident leaves the list but is still announced,
// so a screen showing it can say so.
import type { IncidentChangedMessage } from '../../shared/incidents';
import type { IncidentChange, IncidentView } from '../../shared/ipc/incidents';
import type { EventBus } from '../core/events';
import { viewOf } from './incidentsWire';

export interface IncidentsHolder {
  /** Open incidents, newest activity first. */
  list(): IncidentView[];
  live(): boolean;
  /** The server's full list of open incidents (after a welcome): anything not in it is over. */
  replace(incidents: readonly IncidentView[]): void;
  /** One incident changed (the answer to a lead's action); `isNew`: it was just made (a split). */
  upsert(incident: IncidentView, isNew?: boolean): void;
  /** The live channel's `incident.changed`: `detected` is news the lead's cockpit alerts on. */
  changed(message: IncidentChangedMessage): void;
  /** The live channel is down: what is held may be stale, and the screens say so. */
  down(): void;
  /** Sign-out or another account: nothing of the last one's list is kept. */
  reset(): void;
  /** The live channel welcomed this workstation (again): the open list is read anew. */
  welcomed(): void;
  onWelcomed(listener: () => void): () => void;
}

const byActivity = (a: IncidentView, b: IncidentView) => b.lastAt.localeCompare(a.lastAt);

export function createIncidentsHolder(events: Pick<EventBus, 'emit'>): IncidentsHolder {
  const open = new Map<string, IncidentView>();
  /** Every id ever announced to this account: a known one is never "new" again, even reopened. */
  const known = new Set<string>();
  let live = false;
  /** The first list after sign-in is what already exists, not news: it raises no alert. */
  let primed = false;
  const welcomeListeners = new Set<() => void>();
  const emit = (change: IncidentChange) => events.emit('incidents:changed', change);

  function upsert(incident: IncidentView, made = false): void {
    const before = open.get(incident.id);
    // A message overtaken by a later one (another server instance's notification): stale.
    if (before && incident.version < before.version) return;
    if (before && JSON.stringify(before) === JSON.stringify(incident)) return;
    const isNew = (made || primed) && !known.has(incident.id);
    known.add(incident.id);
    if (incident.stage === 'closed') open.delete(incident.id);
    else open.set(incident.id, incident);
    emit({ kind: 'incident', incident, isNew });
  }

  return {
    list: () => [...open.values()].sort(byActivity),
    live: () => live,
    replace(incidents) {
      const listed = new Set(incidents.map((i) => i.id));
      // Gone while the channel was down (closed or merged by someone): dropped quietly, as the
      // renderer re-reads the whole list when the channel comes back.
      for (const id of [...open.keys()]) if (!listed.has(id)) open.delete(id);
      for (const incident of incidents) upsert(incident);
      primed = true;
      if (!live) {
        live = true;
        emit({ kind: 'live', live: true });
      }
    },
    upsert,
    changed(message) {
      // Only the detector's new incident is news: a split's new one is a lead's own doing.
      upsert(viewOf(message.incident), message.change === 'detected');
    },
    down() {
      if (!live) return;
      live = false;
      emit({ kind: 'live', live: false });
    },
    reset() {
      open.clear();
      known.clear();
      live = false;
      primed = false;
    },
    welcomed() {
      for (const listener of welcomeListeners) listener();
    },
    onWelcomed(listener) {
      welcomeListeners.add(listener);
      return () => welcomeListeners.delete(listener);
    },
  };
}
