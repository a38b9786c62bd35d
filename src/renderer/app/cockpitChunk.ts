// The lead's cockpit brings the charting library: a chunk of its own, so the operator's bundle
// (loaded on every workstation) stays as it was. The chunk is fetched as soon as the session says
// the signed-in role's home is the cockpit (appListeners), alongside the floor and the day's figures,
// rather than only when the view first mounts after the workstation has loaded.
import { createElement, lazy, useState, type ComponentType } from 'react';
import type * as Cockpit from '../features/cockpit/components/CockpitView';

let chunk: Promise<typeof Cockpit> | null = null;
let loaded: ComponentType | null = null;

/** Starts (once) fetching and evaluating the cockpit's chunk; a failed fetch is tried again next time. */
export function preloadCockpit() {
  chunk ??= import('../features/cockpit/components/CockpitView').then(
    (m) => {
      loaded = m.CockpitView;
      return m;
    },
    (error: unknown) => {
      chunk = null;
      throw error;
    },
  );
  return chunk;
}

// Which home this window's last user had: a lead's next start fetches the chunk with the bundle's own
// start-up (the session is known only after a round trip to main) instead of after it. Only the
// screen's name is kept, nothing about the user.
const LAST_HOME_KEY = 'workstation.lastHome';

export function rememberHome(home: string): void {
  try {
    localStorage.setItem(LAST_HOME_KEY, home);
  } catch {
    // Storage refused (a private window): the chunk is fetched when the session says so, as before.
  }
}

/** At start-up: the last user was a lead, so the cockpit is likely the first screen again. */
export function preloadCockpitIfLastHome(): void {
  try {
    if (localStorage.getItem(LAST_HOME_KEY) === 'cockpit') void preloadCockpit().catch(() => undefined);
  } catch {
    // As above.
  }
}

const LazyCockpit = lazy(() => preloadCockpit().then((m) => ({ default: m.CockpitView })));

/**
 * The cockpit, drawn directly when its chunk is already here: a lazy component suspends on its first
 * render even then, and React holds a suspended screen's content back for a while (up to 300 ms)
 * after showing its fallback. Chosen once per mount, so the cockpit never remounts.
 */
export function CockpitView() {
  const [Direct] = useState(() => loaded);
  return createElement(Direct ?? LazyCockpit);
}
