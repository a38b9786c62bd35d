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
