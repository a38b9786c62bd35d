// Lifecycle steps in the soak's write mix (issue 12): an executor account answering the appeals
// routed to it and a feedback operator recording callback outcomes, on their own workstations
// behind the same fault proxy (network faults, replayed pushes, crashes). The center's side is
// played on the server directly (its REST API, around the proxy): registered appeals are routed to
// the executor, answers accepted by the control check. Checked after healing: every step the
// workstation acknowledged is on the server exactly once (one history row, in order), none is
// refused, and every queue drains.
import { mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Workstation } from '../../../../src/main/workstation';
import type { Pool } from '../../../../src/server/db/pool';
import { DEMO_EXECUTOR_ORGANISATIONS } from '../../../../src/server/db/seed';
import type { LifecycleAction } from '../../../../src/shared/domain/lifecycle';
import type { CallContext } from '../../../../src/shared/ipc/api';
import { openStation, type StationTuning } from './soakStations';

const ctx: CallContext = { senderId: 'soak-lifecycle' };
const EXECUTOR = DEMO_EXECUTOR_ORGANISATIONS.executor1;

interface LifecycleStation {
  name: string;
  username: string;
  dir: string;
  key: Buffer;
  deviceId: string;
  w: Workstation | null;
  /** Steps the workstation accepted (the user was told "done"), by appeal, in order. */
  acknowledged: Map<string, string[]>;
}

export interface LifecycleReport {
  answers: number;
  outcomes: number;
  routed: number;
  accepted: number;
  drainMs: number | null;
  violations: string[];
}

export interface LifecycleMix {
  /** One step on one of the lifecycle workstations, if it has anything to act on. */
  write(random: () => number): Promise<void>;
  /** The center's side, on the server: route registered appeals, accept answers. */
  dispatch(): Promise<void>;
  crash(random: () => number): Promise<void>;
  reopenAll(): Promise<void>;
  verify(admin: Pool, drainWithinMs: number): Promise<LifecycleReport>;
  close(): void;
}

export async function startLifecycleMix(
  password: string,
  tuning: StationTuning,
  serverUrl: () => string,
): Promise<LifecycleMix> {
  const stations: LifecycleStation[] = [];
  for (const username of ['executor1', 'feedback']) {
    const dir = mkdtempSync(join(tmpdir(), `soak-${username}-`));
    const key = randomBytes(32);
    const w = await openStation(dir, key, tuning);
    // A first sign-in must be online; the server may be slow to hash the password under load.
    let login = await w.handlers['auth:login']({ username, password }, ctx);
    for (let attempt = 1; !login.ok && attempt < 5; attempt++)
      login = await w.handlers['auth:login']({ username, password }, ctx);
    if (!login.ok) throw new Error(`login ${username}: ${login.error.message}`);
    stations.push({
      name: username,
      username,
      dir,
      key,
      deviceId: w.info.deviceId,
      w,
      acknowledged: new Map(),
    });
  }
  const [executor, feedback] = stations as [LifecycleStation, LifecycleStation];
  let routed = 0;
  let accepted = 0;
  let token: { value: string; at: number } | null = null;

  const rest = async (path: string, body?: unknown): Promise<Response> => {
    if (!token || Date.now() - token.at > 10_000) {
      const login = await fetch(`${serverUrl()}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'lead', password }),
      });
      if (login.status !== 200) throw new Error(`lead login: HTTP ${login.status}`);
      token = { value: ((await login.json()) as { accessToken: string }).accessToken, at: Date.now() };
    }
    return fetch(`${serverUrl()}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { authorization: `Bearer ${token.value}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  };

  /** The first page of one of the lead's lists on the server: id and version of each. */
  const serverList = async (list: 'to_assign' | 'to_check'): Promise<{ id: string; version: number }[]> => {
    const answer = await rest(`/api/v1/worklists/${list}?limit=20`);
    if (answer.status !== 200) return [];
    const page = (await answer.json()) as { items: { id: string }[] };
    const ids = page.items.map((i) => i.id);
    const versions = await Promise.all(
      ids.map(async (id) => {
        const one = await rest(`/api/v1/appeals/${id}`);
        return one.status === 200 ? ((await one.json()) as { version: number }).version : null;
      }),
    );
    return ids.flatMap((id, i) => (versions[i] === null ? [] : [{ id, version: versions[i]! }]));
  };

  async function step(s: LifecycleStation, id: string, action: LifecycleAction): Promise<void> {
    if (!s.w) return;
    const state = await s.w.handlers['appeals:state']({ id }, ctx);
    if (!state.ok || state.value.pending.some((p) => p.state === 'waiting')) return;
    const acted = await s.w.handlers['appeals:act'](
      { id, action, baseVersion: state.value.appeal.version },
      ctx,
    );
    if (!acted.ok) throw new Error(`${s.name} ${action.kind}: ${acted.error.code} ${acted.error.message}`);
    s.acknowledged.set(id, [...(s.acknowledged.get(id) ?? []), action.kind]);
  }

  /** The first appeal of a local work list, if any. */
  async function firstOf(s: LifecycleStation, list: 'inbox' | 'to_call_back'): Promise<string | null> {
    if (!s.w) return null;
    const page = await s.w.handlers['worklists:list']({ list, limit: 1 } as never, ctx);
    return page.ok ? (page.value.items[0]?.id ?? null) : null;
  }

  return {
    async write(random) {
      if (random() < 0.5) {
        const id = await firstOf(executor, 'inbox');
        if (id) await step(executor, id, { kind: 'answer', result: 'done', text: 'Done on site' });
      } else {
        const id = await firstOf(feedback, 'to_call_back');
        // Now and then the citizen says it is not solved: back to the executor, answered again.
        const outcome = random() < 0.2 ? 'not_solved' : 'confirmed';
        if (id) await step(feedback, id, { kind: 'callback', outcome });
      }
    },
    async dispatch() {
      try {
        for (const { id, version } of await serverList('to_assign')) {
          const r = await rest(`/api/v1/appeals/${id}/transitions`, {
            action: { kind: 'assign', executorId: EXECUTOR },
            baseVersion: version,
          });
          if (r.status === 200) routed++;
        }
        for (const { id, version } of await serverList('to_check')) {
          const r = await rest(`/api/v1/appeals/${id}/transitions`, {
            action: { kind: 'control_accept' },
            baseVersion: version,
          });
          if (r.status === 200) accepted++;
        }
      } catch {
        // The server is restarting: the next round routes what this one missed.
        token = null;
      }
    },
    async crash(random) {
      const s = stations[Math.floor(random() * stations.length)]!;
      s.w?.close();
      s.w = null;
      await new Promise((r) => setTimeout(r, 10 + Math.floor(random() * 40)));
      s.w = await openStation(s.dir, s.key, tuning);
    },
    async reopenAll() {
      for (const s of stations) s.w ??= await openStation(s.dir, s.key, tuning);
    },
    async verify(admin, drainWithinMs) {
      const violations: string[] = [];
      const healedAt = Date.now();
      let drainMs: number | null = null;
      const waiting = async () =>
        Promise.all(
          stations.map(async (s) => {
            const status = await s.w!.handlers['sync:status']({}, ctx);
            return status.ok ? status.value.waiting : Number.POSITIVE_INFINITY;
          }),
        );
      while (Date.now() - healedAt <= drainWithinMs) {
        if ((await waiting()).every((n) => n === 0)) {
          drainMs = Date.now() - healedAt;
          break;
        }
        await new Promise((r) => setTimeout(r, 20));
      }
      if (drainMs === null)
        violations.push(
          `lifecycle outboxes not empty ${drainWithinMs} ms after healing: ${(await waiting()).join(', ')}`,
        );
      for (const s of stations) {
        const { rows } = await admin.query<{ id: string; kinds: string[] }>(
          `SELECT appeal_id::text AS id, array_agg(change->'action'->>'kind' ORDER BY id) AS kinds
           FROM appeal_history WHERE kind = 'transition' AND device_id = $1 GROUP BY appeal_id`,
          [s.deviceId],
        );
        const onServer = new Map(rows.map((r) => [r.id, r.kinds]));
        for (const [id, kinds] of s.acknowledged) {
          const stored = onServer.get(id) ?? [];
          if (stored.join() !== kinds.join())
            violations.push(
              `${s.name} acknowledged ${kinds.join(', ')} on ${id}; the server has ${stored.join(', ') || 'nothing'}`,
            );
        }
        for (const id of onServer.keys())
          if (!s.acknowledged.has(id))
            violations.push(`${s.name}: a step on ${id} is on the server but was never taken`);
        const rejected = await s.w!.handlers['sync:rejections']({}, ctx);
        if (rejected.ok && rejected.value.items.length > 0)
          violations.push(
            `${s.name} has ${rejected.value.items.length} refused steps (e.g. ${rejected.value.items[0]!.code}: ${rejected.value.items[0]!.message})`,
          );
      }
      const count = (s: LifecycleStation) => [...s.acknowledged.values()].reduce((n, k) => n + k.length, 0);
      return { answers: count(executor), outcomes: count(feedback), routed, accepted, drainMs, violations };
    },
    close() {
      for (const s of stations) {
        s.w?.close();
        s.w = null;
        rmSync(s.dir, { recursive: true, force: true });
      }
    },
  };
}
