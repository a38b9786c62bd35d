// The lead's cockpit brings the charting library: a chunk of its own, so the operator's bundle
// (loaded on every workstation) stays as it was. The chunk is fetched as soon as the session says
// the signed-in role's home is the cockpit (appListeners), alongside the floor and the day's figures,
// rather than only when the view first mounts after the workstation has loaded.
import { lazy } from 'react';
import type * as Cockpit from '../features/cockpit/components/CockpitView';

let chunk: Promise<typeof Cockpit> | null = null;

/** Starts (once) fetching and evaluating the cockpit's chunk; a failed fetch is tried again next time. */
export function preloadCockpit() {
  chunk ??= import('../features/cockpit/components/CockpitView').catch((error: unknown) => {
    chunk = null;
    throw error;
  });
  return chunk;
}

export const CockpitView = lazy(() => preloadCockpit().then((m) => ({ default: m.CockpitView })));
