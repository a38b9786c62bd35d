// The sandboxed preload: exposes `window.api` and nothing else. Bundled to CommonJS by
// scripts/buildElectron.mjs, since a sandboxed preload can only require electron.
import { contextBridge, ipcRenderer } from 'electron';
import { buildApi } from './buildApi';

contextBridge.exposeInMainWorld('api', buildApi(ipcRenderer));
