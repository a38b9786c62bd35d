// Workstations for the fault suite: real encrypted stores and real sync engines (short backoff and
// poll) talking to the server through the fault proxy. A crash closes the store under the engine
// while a push is in flight; the reopened workstation resumes from what its store holds.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openWorkstation, type Workstation } from '../../../src/main/services/workstation';
import { AppealDraft, type Appeal } from '../../../src/shared/domain/appeal';
import type { CallContext } from '../../../src/shared/ipc/api';
import { draftInput } from '../support/drafts';
import { RESOURCES_DIR } from '../support/storeFiles';

const ctx: CallContext = { senderId: 'soak' };

export interface Station {
  name: string;
  dir: string;
  deviceId: string;
  /** null while crashed. */
  w: Workstation | null;
  /** Appeals whose create handler returned ok: the operator was told they are saved. */
  acknowledged: Map<string, Appeal>;
}

export interface StationTuning {
  serverUrl: string;
  random: () => number;
}

export async function openStation(dir: string, key: Buffer, t: StationTuning): Promise<Workstation> {
  const opened = await openWorkstation({
    dataDir: dir,
    keyProvider: { getKey: async () => Buffer.from(key) },
    resourcesDir: RESOURCES_DIR,
    host: 'web',
    sync: {
      serverUrl: t.serverUrl,
      tuning: {
        pollMs: 100,
        watchdogMs: 300,
        requestTimeoutMs: 1_000,
        backoff: { minMs: 20, maxMs: 1_000 },
        random: t.random,
      },
    },
  });
  if (!opened.ok) throw new Error(opened.error.message);
  return opened.value;
}

export interface Stations {
  list: Station[];
  register(s: Station, n: number): Promise<void>;
  crash(s: Station): void;
  reopen(s: Station): Promise<void>;
  waiting(s: Station): Promise<number>;
  /** Closes every workstation and removes its folder. */
  closeAll(): void;
}

export async function startStations(count: number, password: string, t: StationTuning): Promise<Stations> {
  const keys = new Map<Station, Buffer>();
  const list: Station[] = [];
  for (let i = 0; i < count; i++) {
    const dir = mkdtempSync(join(tmpdir(), `soak-ws${i + 1}-`));
    const key = randomBytes(32);
    const w = await openStation(dir, key, t);
    // Three demo operators exist; more workstations share them (each still its own device).
    const username = `operator${(i % 3) + 1}`;
    const login = await w.handlers['auth:login']({ username, password }, ctx);
    if (!login.ok) throw new Error(`login ${username}: ${login.error.message}`);
    const station: Station = {
      name: `ws${i + 1}`,
      dir,
      deviceId: w.info.deviceId,
      w,
      acknowledged: new Map(),
    };
    keys.set(station, key);
    list.push(station);
  }
  return {
    list,
    async register(s, n) {
      for (let i = 0; i < n && s.w; i++) {
        const draft = AppealDraft.strict().parse(
          draftInput({ essence: `Немає гарячої води, ${s.name} звернення ${s.acknowledged.size + 1}` }),
        );
        const result = await s.w.handlers['appeals:create'](draft, ctx);
        if (!result.ok) throw new Error(`${s.name} create: ${result.error.code} ${result.error.message}`);
        s.acknowledged.set(result.value.id, result.value);
      }
    },
    crash(s) {
      s.w?.close();
      s.w = null;
    },
    async reopen(s) {
      if (s.w) return;
      s.w = await openStation(s.dir, keys.get(s)!, t);
    },
    async waiting(s) {
      if (!s.w) return Number.POSITIVE_INFINITY;
      const status = await s.w.handlers['sync:status']({}, ctx);
      if (!status.ok) throw new Error(status.error.message);
      return status.value.waiting;
    },
    closeAll() {
      for (const s of list) {
        s.w?.close();
        s.w = null;
        rmSync(s.dir, { recursive: true, force: true });
      }
    },
  };
}

export async function localAppeal(s: Station, id: string): Promise<Appeal | null> {
  if (!s.w) return null;
  const got = await s.w.handlers['appeals:get']({ id }, ctx);
  return got.ok ? got.value : null;
}

export async function lastError(s: Station): Promise<string | null> {
  if (!s.w) return 'closed';
  const status = await s.w.handlers['sync:status']({}, ctx);
  return status.ok ? status.value.lastError : status.error.message;
}

export async function rejectedCount(s: Station): Promise<number> {
  if (!s.w) return 0;
  const status = await s.w.handlers['sync:status']({}, ctx);
  return status.ok ? status.value.rejected : 0;
}
