// The floor's channels against a fake server API: who may use them, the REST calls made (paths,
// bodies, queries), online only, and the server's refusals passed through with their message.
import type { ServiceContext } from '../core/context';
import type { Signer } from '../core/authorship';
import type { ServerApi, ServerOutcome } from '../core/serverApi';
import type { Role } from '../../shared/sync/auth';
import type { DayMetrics } from '../../shared/queue/metrics';
import { MetricsQuery } from '../../shared/queue/metrics';
import type { AgentSnapshot } from '../../shared/softphone/agent';
import { createFloorHolder } from './floorHolder';
import { dayMetrics, floorSnapshot, FLOOR_MESSAGES, metricsPath, setAgentState } from './floorService';

let signer: Signer;
let online: boolean;
let answer: ServerOutcome;
let requests: { method: string; path: string; body: unknown }[];
let server: ServerApi | null;

const signedIn = (role: Role): Signer => ({
  kind: 'signed_in',
  user: { id: 'lead-1', username: 'lead', name: 'Lead', role, organisationId: null },
});

beforeEach(() => {
  signer = signedIn('team_lead');
  online = true;
  requests = [];
  answer = { kind: 'ok', status: 200, body: null };
  server = {
    request: (method, path, body) => {
      requests.push({ method, path, body });
      return Promise.resolve(answer);
    },
    online: () => online,
  };
});

const ctx = () => ({ signer: () => signer, server }) as unknown as ServiceContext;

const snapshot: AgentSnapshot = {
  userId: 'u-7',
  username: 'operator7',
  name: 'Operator 7',
  state: { state: 'available' },
  since: '2026-12-01T09:00:00.000Z',
  sipRegistered: true,
  connected: true,
};
const override = { userId: 'u-7', state: { state: 'available' as const }, reason: 'Break ran over' };

const emptyFigures = {
  offered: 0,
  answered: 0,
  abandoned: 0,
  timedOut: 0,
  failed: 0,
  answeredWithinThreshold: 0,
  serviceLevel: null,
  asaSeconds: null,
  abandonedWaitSeconds: null,
  longestWaitSeconds: null,
  ahtSeconds: null,
  talkSeconds: 0,
  wrapUpSeconds: 0,
  occupancy: null,
};
const day: DayMetrics = {
  day: '2026-12-01',
  timeZone: 'Europe/Kyiv',
  intervalMinutes: 60,
  thresholdSeconds: 30,
  intervals: [{ ...emptyFigures, start: '2026-11-30T22:00:00.000Z', end: '2026-11-30T23:00:00.000Z' }],
  totals: emptyFigures,
  operators: [],
  categoryGroups: [],
  asOf: '2026-12-01T10:00:00.000Z',
};

describe('floor:snapshot', () => {
  it('gives a team lead or an admin the floor held, and refuses everyone else plainly', () => {
    const floor = createFloorHolder({ events: { emit: () => undefined }, clock: () => new Date() });
    floor.message({ type: 'agents', agents: [snapshot] });
    for (const role of ['team_lead', 'admin'] as const) {
      signer = signedIn(role);
      const r = floorSnapshot(ctx(), floor);
      expect(r.ok && r.value.agents).toEqual([snapshot]);
    }
    for (const role of ['operator', 'analyst', 'feedback', 'executor'] as const) {
      signer = signedIn(role);
      expect(floorSnapshot(ctx(), floor)).toEqual({
        ok: false,
        error: { code: 'forbidden', message: FLOOR_MESSAGES.floorRoles },
      });
    }
    signer = { kind: 'signed_out' };
    expect(floorSnapshot(ctx(), floor)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    signer = { kind: 'no_server' };
    expect(floorSnapshot(ctx(), floor)).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: FLOOR_MESSAGES.noServer },
    });
  });
});

describe('floor:setAgentState', () => {
  it('posts the state and the reason to /api/v1/agents/:userId/state and returns the agent', async () => {
    answer = { kind: 'ok', status: 200, body: snapshot };
    expect(await setAgentState(ctx(), override)).toEqual({ ok: true, value: snapshot });
    answer = { kind: 'ok', status: 200, body: { agent: snapshot } };
    signer = signedIn('admin');
    expect(await setAgentState(ctx(), { ...override, userId: 'a/b' })).toEqual({ ok: true, value: snapshot });
    expect(requests).toEqual([
      {
        method: 'POST',
        path: '/api/v1/agents/u-7/state',
        body: { state: { state: 'available' }, reason: 'Break ran over' },
      },
      {
        method: 'POST',
        path: '/api/v1/agents/a%2Fb/state',
        body: { state: { state: 'available' }, reason: 'Break ran over' },
      },
    ]);
  });

  it('passes the server’s refusals through with their message', async () => {
    const cases: [number, string, string][] = [
      [409, 'call_in_progress', 'conflict'],
      [403, 'forbidden', 'forbidden'],
      [404, 'not_found', 'not_found'],
      [400, 'invalid_input', 'invalid_input'],
      [401, 'unauthenticated', 'unauthorized'],
    ];
    for (const [status, code, mapped] of cases) {
      const message = `server says ${status}`;
      answer = { kind: 'client_error', status, code, message };
      const r = await setAgentState(ctx(), override);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.error).toMatchObject({ code: mapped, message });
    }
    // A 409 also names the server's code, for the screen to say it in the user's language.
    answer = { kind: 'client_error', status: 409, code: 'call_in_progress', message: 'On a call' };
    expect(await setAgentState(ctx(), override)).toEqual({
      ok: false,
      error: {
        code: 'conflict',
        message: 'On a call',
        issues: [{ path: '', code: 'call_in_progress', message: 'On a call' }],
      },
    });
  });

  it('is online only, for leads and admins, and says an odd answer is odd', async () => {
    online = false;
    expect(await setAgentState(ctx(), override)).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: FLOOR_MESSAGES.offlineState, issues: [{ code: 'offline' }] },
    });
    expect(requests).toEqual([]);
    online = true;
    answer = { kind: 'unreachable', message: 'timed out' };
    expect(await setAgentState(ctx(), override)).toMatchObject({ ok: false, error: { code: 'conflict' } });
    answer = { kind: 'signed_out' };
    expect(await setAgentState(ctx(), override)).toMatchObject({
      ok: false,
      error: { code: 'unauthorized' },
    });
    answer = { kind: 'ok', status: 200, body: { surprise: true } };
    expect(await setAgentState(ctx(), override)).toMatchObject({ ok: false, error: { code: 'internal' } });
    signer = signedIn('operator');
    requests = [];
    expect(await setAgentState(ctx(), override)).toMatchObject({
      ok: false,
      error: { code: 'forbidden', message: FLOOR_MESSAGES.floorRoles },
    });
    expect(requests).toEqual([]);
    server = null;
    signer = { kind: 'no_server' };
    expect(await setAgentState(ctx(), override)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });
});

describe('metrics:day', () => {
  it('asks GET /api/v1/queue/metrics with the day, interval and threshold', async () => {
    answer = { kind: 'ok', status: 200, body: day };
    for (const role of ['team_lead', 'admin', 'analyst'] as const) {
      signer = signedIn(role);
      expect(
        await dayMetrics(ctx(), MetricsQuery.parse({ day: '2026-12-01', interval: 60, threshold: 30 })),
      ).toEqual({
        ok: true,
        value: day,
      });
    }
    await dayMetrics(ctx(), MetricsQuery.parse({}));
    expect(requests.map((r) => [r.method, r.path])).toEqual([
      ['GET', '/api/v1/queue/metrics?day=2026-12-01&interval=60&threshold=30'],
      ['GET', '/api/v1/queue/metrics?day=2026-12-01&interval=60&threshold=30'],
      ['GET', '/api/v1/queue/metrics?day=2026-12-01&interval=60&threshold=30'],
      ['GET', '/api/v1/queue/metrics?interval=15'],
    ]);
    expect(metricsPath(MetricsQuery.parse({ threshold: 20 }))).toBe(
      '/api/v1/queue/metrics?interval=15&threshold=20',
    );
  });

  it('passes a 400 through with its message, is online only, and refuses operators and executors', async () => {
    answer = {
      kind: 'client_error',
      status: 400,
      code: 'invalid_input',
      message: 'day must not be in the future',
    };
    expect(await dayMetrics(ctx(), MetricsQuery.parse({ day: '2099-01-01' }))).toEqual({
      ok: false,
      error: {
        code: 'invalid_input',
        message: 'day must not be in the future',
        issues: [{ path: '', code: 'invalid_input', message: 'day must not be in the future' }],
      },
    });
    const issue = { path: 'day', code: 'out_of_range', message: 'day must be 2000-01-01 or later' };
    answer = {
      kind: 'client_error',
      status: 400,
      code: 'invalid_input',
      message: issue.message,
      issues: [issue],
    };
    expect(await dayMetrics(ctx(), MetricsQuery.parse({ day: '1999-12-31' }))).toEqual({
      ok: false,
      error: { code: 'invalid_input', message: issue.message, issues: [issue] },
    });
    online = false;
    expect(await dayMetrics(ctx(), MetricsQuery.parse({}))).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: FLOOR_MESSAGES.offlineMetrics },
    });
    online = true;
    for (const role of ['operator', 'feedback', 'executor'] as const) {
      signer = signedIn(role);
      expect(await dayMetrics(ctx(), MetricsQuery.parse({}))).toMatchObject({
        ok: false,
        error: { code: 'forbidden', message: FLOOR_MESSAGES.metricsRoles },
      });
    }
    expect(requests).toHaveLength(2);
  });
});
