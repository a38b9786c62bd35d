// Workstations for the fault suite: real encrypted stores and real sync engines (short backoff and
// poll) talking to the server through the fault proxy. A crash closes the store under the engine
// while a push is in flight; the reopened workstation resumes from what its store holds.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../../../src/main/core/db/openStore';
import type { Store } from '../../../../src/main/core/db/types';
import { openWorkstation, STORE_FILE_NAME, type Workstation } from '../../../../src/main/workstation';
import { withParsedInput } from '../../../../src/main/ipc/test/parsedHandlers';
import { AppealDraft, type Appeal } from '../../../../src/shared/domain/appeal';
import type { CallContext } from '../../../../src/shared/ipc/api';
import { draftInput } from '../../support/drafts';
import { RESOURCES_DIR } from '../../support/storeFiles';

const ctx: CallContext = { senderId: 'soak' };

export interface Station {
  name: string;
  dir: string;
  deviceId: string;
  /** The signed-in operator's user id (the author of every change made here). */
  userId: string;
  /** The last access token the workstation sent to the server (null before its first request). */
  accessToken: string | null;
  /** null while crashed. */
  w: Workstation | null;
  /** Appeals whose create handler returned ok: the operator was told they are saved. */
  acknowledged: Map<string, Appeal>;
}

export interface StationTuning {
  serverUrl: string;
  random: () => number;
  /** Sees every request the workstation makes (sign-in, sync), before it goes out. */
  onRequest?: (init: RequestInit | undefined) => void;
}

export async function openStation(dir: string, key: Buffer, t: StationTuning): Promise<Workstation> {
  const onRequest = t.onRequest;
  const fetchFn: typeof fetch | undefined = onRequest
    ? (input, init) => {
        onRequest(init);
        return fetch(input, init);
      }
    : undefined;
  const opened = await openWorkstation({
    dataDir: dir,
    keyProvider: { getKey: async () => Buffer.from(key) },
    resourcesDir: RESOURCES_DIR,
    host: 'web',
    sync: {
      serverUrl: t.serverUrl,
      ...(fetchFn ? { fetch: fetchFn } : {}),
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
  return withParsedInput(opened.value);
}

export interface Stations {
  list: Station[];
  register(s: Station, n: number): Promise<void>;
  crash(s: Station): void;
  reopen(s: Station): Promise<void>;
  waiting(s: Station): Promise<number>;
  /**
   * Runs `fn` on a second connection to the station's store (open or crashed), as another process
   * on the machine could: the workstation's own connection is left alone.
   */
  withStore<T>(s: Station, fn: (store: Store) => T): T;
  /** Closes every workstation and removes its folder. */
  closeAll(): void;
}

export async function startStations(count: number, password: string, t: StationTuning): Promise<Stations> {
  const keys = new Map<Station, Buffer>();
  const tunings = new Map<Station, StationTuning>();
  const list: Station[] = [];
  for (let i = 0; i < count; i++) {
    const dir = mkdtempSync(join(tmpdir(), `soak-ws${i + 1}-`));
    const key = randomBytes(32);
    // The station's last bearer token, kept for requests made beside the workstation (soakPoison.ts).
    const seen = { token: null as string | null };
    const tuning: StationTuning = {
      ...t,
      onRequest: (init) => {
        const auth = new Headers(init?.headers).get('authorization');
        if (auth?.startsWith('Bearer ')) seen.token = auth.slice('Bearer '.length);
      },
    };
    const w = await openStation(dir, key, tuning);
    // Three demo operators exist; more workstations share them (each still its own device).
    const username = `operator${(i % 3) + 1}`;
    const login = await w.handlers['auth:login']({ username, password }, ctx);
    if (!login.ok) throw new Error(`login ${username}: ${login.error.message}`);
    if (!login.value.user) throw new Error(`login ${username}: no user in the session`);
    const station: Station = {
      name: `ws${i + 1}`,
      dir,
      deviceId: w.info.deviceId,
      userId: login.value.user.id,
      get accessToken() {
        return seen.token;
      },
      w,
      acknowledged: new Map(),
    };
    keys.set(station, key);
    tunings.set(station, tuning);
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
      s.w = await openStation(s.dir, keys.get(s)!, tunings.get(s)!);
    },
    async waiting(s) {
      if (!s.w) return Number.POSITIVE_INFINITY;
      const status = await s.w.handlers['sync:status']({}, ctx);
      if (!status.ok) throw new Error(status.error.message);
      return status.value.waiting;
    },
    withStore(s, fn) {
      const opened = openStore({ file: join(s.dir, STORE_FILE_NAME), key: Buffer.from(keys.get(s)!) });
      if (!opened.ok) throw new Error(`${s.name} store: ${opened.error.message}`);
      try {
        return fn(opened.value);
      } finally {
        opened.value.close();
      }
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
