// Electron's preload provides `window.api`; in a plain browser the page builds the same API over
// the web host's WebSocket, with the per-run token from the URL fragment.
import type { Api } from '../../shared/ipc/api';
import { alwaysConnected, createWebApi, webApiUrl, type Connection } from './webApi';

declare global {
  interface Window {
    api?: Api;
  }
}

export type ApiChoice = { kind: 'ready'; api: Api; connection: Connection } | { kind: 'no_token' };

export function pickApi(win: Window = window): ApiChoice {
  if (win.api) return { kind: 'ready', api: win.api, connection: alwaysConnected };
  const url = webApiUrl(win.location);
  if (!url) return { kind: 'no_token' };
  const client = createWebApi({ url });
  return { kind: 'ready', api: client.api, connection: client.connection };
}
