// Call routing for the PBX: longest idle first, busy when nobody can answer, one agent per call under
// concurrency, lapsed reservations reusable, unreachable agents skipped (real embedded PostgreSQL).
import type { FastifyInstance } from 'fastify';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { reportAgentState } from '../../../src/server/agents/stateStore';
import { withTransaction } from '../../../src/server/db/pool';
import { bearer, startServerDatabase, testServer, type ServerDatabase } from './serverHarness';

const PBX_TOKEN = 'a'.repeat(64);
const EXTRA_OPERATORS = Array.from({ length: 12 }, (_, i) => `routing${String(i).padStart(2, '0')}`);

let db: ServerDatabase;
let app: FastifyInstance;

beforeAll(async () => {
  db = await startServerDatabase();
  // Enough agents that 20 concurrent calls both find agents and run out of them.
  await db.pool.query(
    `INSERT INTO users (username, name, role, password_hash)
     SELECT u, 'Routing test operator', 'operator', 'unusable' FROM unnest($1::text[]) AS u`,
    [EXTRA_OPERATORS],
  );
  app = await testServer(db.pool, { pbxToken: PBX_TOKEN });
});
afterAll(async () => {
  await app?.close();
  await db?.stop();
});
beforeEach(async () => {
  await db.pool.query('DELETE FROM agent_state_history');
  await db.pool.query('DELETE FROM agents');
});

/** An agent as a connected, registered workstation leaves it, idle for `idleSeconds`. */
async function agent(username: string, idleSeconds: number, overrides: Record<string, unknown> = {}) {
  const values = {
    connected: true,
    sip_registered: true,
    seen_seconds_ago: 0,
    state: 'available',
    ...overrides,
  };
  await db.pool.query(
    `INSERT INTO agents (user_id, state, since, connected, sip_registered, connection_id, connection_seen_at)
     SELECT id, jsonb_build_object('state', $3::text), now() - make_interval(secs => $2), $4, $5,
            gen_random_uuid(), now() - make_interval(secs => $6)
       FROM users WHERE username = $1`,
    [username, idleSeconds, values.state, values.connected, values.sip_registered, values.seen_seconds_ago],
  );
  await db.pool.query(
    `INSERT INTO agent_state_history (user_id, state, started_at)
     SELECT id, $3, now() - make_interval(secs => $2) FROM users WHERE username = $1`,
    [username, idleSeconds, values.state],
  );
}

const route = (callId: string = randomUUID(), tried?: string) =>
  app.inject({
    method: 'GET',
    url:
      `/api/v1/pbx/route?to=1551&from=%2B380441234567&callId=${encodeURIComponent(callId)}` +
      (tried === undefined ? '' : `&tried=${encodeURIComponent(tried)}`),
    headers: bearer(PBX_TOKEN),
  });

async function stateOf(username: string) {
  const { rows } = await db.pool.query<{
    state: { state: string; callId?: string };
    reserved_until: Date | null;
  }>(
    `SELECT a.state, a.reserved_until FROM agents a JOIN users u ON u.id = a.user_id WHERE u.username = $1`,
    [username],
  );
  return rows[0]!;
}

describe('GET /api/v1/pbx/route', () => {
  it('chooses the longest idle agent first and reserves it ringing that call', async () => {
    await agent('operator1', 60);
    await agent('operator2', 300);
    await agent('lead', 120);
    const order: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await route(`call-${i}`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/plain/);
      order.push(res.body);
    }
    expect(order).toEqual(['operator2', 'lead', 'operator1']);
    const reserved = await stateOf('operator2');
    expect(reserved.state).toEqual({ state: 'ringing', callId: 'call-0' });
    const left = reserved.reserved_until!.getTime() - Date.now();
    expect(left).toBeGreaterThan(15_000);
    expect(left).toBeLessThanOrEqual(21_000);

    const busy = await route();
    expect(busy.statusCode).toBe(486);
    expect(busy.body).toBe('No operator available');
  });

  it('answers 486 when nobody is available', async () => {
    expect((await route()).statusCode).toBe(486);
    await agent('operator1', 10, { state: 'break' });
    await agent('operator2', 10, { state: 'on_call' });
    expect((await route()).statusCode).toBe(486);
  });

  it('never gives one agent to two of 20 concurrent calls', async () => {
    for (const [i, username] of EXTRA_OPERATORS.entries()) await agent(username, 100 + i);
    const answers = await Promise.all(Array.from({ length: 20 }, () => route()));
    const chosen = answers.filter((r) => r.statusCode === 200).map((r) => r.body);
    expect(answers.filter((r) => r.statusCode === 486)).toHaveLength(8);
    expect(chosen).toHaveLength(12);
    expect(new Set(chosen).size).toBe(12);
    expect([...chosen].sort()).toEqual([...EXTRA_OPERATORS].sort());
  });

  it('routes to an agent again once a reservation lapses unconfirmed, not once confirmed', async () => {
    await agent('operator1', 30);
    await agent('operator2', 20);
    expect((await route('first')).body).toBe('operator1');
    expect((await route('second')).body).toBe('operator2');
    expect((await route()).statusCode).toBe(486);
    const { rows } = await db.pool.query<{ id: string }>(`SELECT id FROM users WHERE username = 'operator2'`);
    // operator2's workstation confirms its call; operator1's never does.
    await withTransaction(db.pool, (client) =>
      reportAgentState(client, rows[0]!.id, { state: 'ringing', callId: 'second' }, true),
    );
    await db.pool.query(
      `UPDATE agents SET reserved_until = now() - interval '1 second' WHERE reserved_until IS NOT NULL`,
    );
    expect((await route('third')).body).toBe('operator1');
    expect((await stateOf('operator1')).state).toEqual({ state: 'ringing', callId: 'third' });
    expect((await route()).statusCode).toBe(486);
  });

  it('keeps a reserved agent ringing when its workstation still reports available', async () => {
    await agent('operator1', 30);
    expect((await route('held')).body).toBe('operator1');
    const { rows } = await db.pool.query<{ id: string }>(`SELECT id FROM users WHERE username = 'operator1'`);
    await withTransaction(db.pool, (client) =>
      reportAgentState(client, rows[0]!.id, { state: 'available' }, true),
    );
    expect((await stateOf('operator1')).state).toEqual({ state: 'ringing', callId: 'held' });
    expect((await route()).statusCode).toBe(486);
  });

  it('skips agents that are disconnected, unregistered, stale or disabled', async () => {
    await agent('operator1', 500, { connected: false });
    await agent('operator2', 400, { sip_registered: false });
    await agent('operator3', 300, { seen_seconds_ago: 3600 });
    await agent('routing00', 200);
    await agent('lead', 100);
    await db.pool.query(`UPDATE users SET disabled = true WHERE username = 'routing00'`);
    try {
      expect((await route()).body).toBe('lead');
      expect((await route()).statusCode).toBe(486);
    } finally {
      await db.pool.query(`UPDATE users SET disabled = false WHERE username = 'routing00'`);
    }
  });

  it('answers a repeated question about the same call with the agent already reserved', async () => {
    await agent('operator1', 30);
    await agent('operator2', 20);
    expect((await route('retried')).body).toBe('operator1');
    // The PBX's first query timed out and it asks again: operator2 must stay free for the next call.
    expect((await route('retried')).body).toBe('operator1');
    expect((await route('next')).body).toBe('operator2');
    expect((await stateOf('operator1')).state).toEqual({ state: 'ringing', callId: 'retried' });
  });

  it('hunts: releases the operators a call was offered to and gives it to the next one', async () => {
    await agent('operator1', 30);
    await agent('operator2', 20);
    await agent('operator3', 10);
    expect((await route('hunted')).body).toBe('operator1');
    // operator1's phone refused or rang out: the call goes to operator2, operator1 is free again
    // but last in the idle order.
    expect((await route('hunted', 'operator1')).body).toBe('operator2');
    expect((await stateOf('operator1')).state).toEqual({ state: 'available' });
    expect((await stateOf('operator2')).state).toEqual({ state: 'ringing', callId: 'hunted' });
    expect((await route('hunted', 'operator1,operator2')).body).toBe('operator3');
    expect((await route('hunted', 'operator1,operator2,operator3')).statusCode).toBe(486);
    // Released in the order they were tried: the next call goes to operator1 (idle longest now).
    expect((await route('after')).body).toBe('operator1');
    const { rows } = await db.pool.query<{ state: string; call_id: string | null }>(
      `SELECT h.state, h.call_id FROM agent_state_history h JOIN users u ON u.id = h.user_id
        WHERE u.username = 'operator2' ORDER BY h.started_at, h.id`,
    );
    expect(rows).toEqual([
      { state: 'available', call_id: null },
      { state: 'ringing', call_id: 'hunted' },
      { state: 'available', call_id: null },
    ]);
  });

  it('leaves an agent alone when the call it was offered is another call', async () => {
    await agent('operator1', 30);
    expect((await route('mine')).body).toBe('operator1');
    expect((await route('other', 'operator1')).statusCode).toBe(486);
    expect((await stateOf('operator1')).state).toEqual({ state: 'ringing', callId: 'mine' });
  });

  it('refuses a malformed tried list with nothing reserved', async () => {
    await agent('operator1', 30);
    for (const tried of ['', 'a,,b', 'x y', `${'a'.repeat(65)}`, "o'neil"]) {
      const res = await route('bad-tried', tried);
      expect(res.statusCode, tried).toBe(400);
    }
    expect((await stateOf('operator1')).state).toEqual({ state: 'available' });
  });

  it('closes the agent’s open history interval and opens the ringing one', async () => {
    await agent('operator1', 45);
    expect((await route('hist-1')).body).toBe('operator1');
    const { rows } = await db.pool.query<{
      state: string;
      call_id: string | null;
      open: boolean;
      length: number;
    }>(
      `SELECT h.state, h.call_id, h.ended_at IS NULL AS open,
              extract(epoch FROM coalesce(h.ended_at, now()) - h.started_at)::float AS length
         FROM agent_state_history h JOIN users u ON u.id = h.user_id
        WHERE u.username = 'operator1' ORDER BY h.started_at`,
    );
    expect(rows.map(({ state, call_id, open }) => ({ state, call_id, open }))).toEqual([
      { state: 'available', call_id: null, open: false },
      { state: 'ringing', call_id: 'hist-1', open: true },
    ]);
    expect(rows[0]!.length).toBeGreaterThanOrEqual(44);
  });
});
