// Builds `window.api` from the plain channel list: one function per contract channel, and `on` for
// the contract's events. Only these closures cross the context bridge, never ipcRenderer or its
// event objects (they carry `sender`, which can send on any channel).
import type { Api } from '../shared/ipc/api';
import { channelNames, eventNames } from '../shared/ipc/channelNames';
import { fail } from '../shared/result';

/** The part of Electron's ipcRenderer the bridge uses. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

const knownEvents: ReadonlySet<string> = new Set(eventNames);

export function buildApi(ipc: IpcRendererLike): Api {
  const domains: Record<string, Record<string, (input?: unknown) => Promise<unknown>>> = {};
  for (const channel of channelNames) {
    const [domain, verb] = channel.split(':') as [string, string];
    domains[domain] ??= {};
    // Main answers every call with a Result; a rejection means the main process itself failed.
    domains[domain][verb] = (input?: unknown) =>
      ipc
        .invoke(channel, input)
        .catch(() => fail('internal', 'The main process did not answer; restart the app'));
  }
  for (const domain of Object.values(domains)) Object.freeze(domain);

  const on = (event: string, listener: (payload: unknown) => void) => {
    if (!knownEvents.has(event)) throw new TypeError(`Unknown event "${event}"`);
    if (typeof listener !== 'function') throw new TypeError('The listener must be a function');
    const forward = (_event: unknown, payload: unknown) => listener(payload);
    ipc.on(event, forward);
    return () => {
      ipc.removeListener(event, forward);
    };
  };

  return Object.freeze({ ...domains, on }) as unknown as Api;
}
