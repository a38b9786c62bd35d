// Hotline calls that the first operator does not take, and callers who find every operator busy:
// the reference PBX offers the call to the next operator the server chooses (telling the server
// who was tried); while nobody is free the call waits in the queue (202, suspended, ringback
// refreshed) until the server wakes it, or until the PBX's own bound. Real Kamailio + rtpengine
// and sipp peers; the server is the stub. The queue itself: pbxQueue.test.ts.
import { describe, expect, it } from 'vitest';
import type { RouteRequest } from './support/centralServerStub';
import { reasonPhrase } from './support/sipp';
import { useStubbedPbx } from './support/stubbedPbx';

const RING_SECONDS = 5;
const QUEUE_MAX_SECONDS = 10;
const REFRESH_SECONDS = 5;
const peers = useStubbedPbx({
  ringSeconds: RING_SECONDS,
  queueMaxSeconds: QUEUE_MAX_SECONDS,
  queueRefreshSeconds: REFRESH_SECONDS,
});
const { explain, callHotline, withRegisteredPhone } = peers;

/** The first operator not yet tried, in this order; null (busy) when all were. */
const firstUntried =
  (...operators: string[]) =>
  (request: RouteRequest) =>
    operators.find((op) => !request.tried.includes(op)) ?? null;

const requestsFor = (callId: string | undefined) =>
  peers.server.routeRequests.filter((r) => r.callId === callId);

describe('reference PBX hunting for an operator', () => {
  it('offers a call the first operator refuses to the next one', async () => {
    await withRegisteredPhone('op.india', { scenario: 'uas_busy', timeoutSeconds: 20 }, async (refusing) => {
      await withRegisteredPhone(
        'op.juliet',
        { scenario: 'uas_answer', timeoutSeconds: 20 },
        async (answering) => {
          peers.server.routeTo(firstUntried('op.india', 'op.juliet'));
          const call = await callHotline();
          expect(call.exitCode, explain(call)).toBe(0);
          expect(call.receivedStatuses).toContain(200);
          expect((await refusing.done).exitCode).toBe(0);
          expect((await answering.done).exitCode).toBe(0);
          const asked = requestsFor(peers.server.routeRequests.at(-1)?.callId);
          expect(asked.map((r) => r.tried)).toEqual([[], ['op.india']]);
        },
      );
    });
  });

  it(`takes the call from an operator who lets it ring ${RING_SECONDS} s and offers it to the next`, async () => {
    await withRegisteredPhone('op.kilo', { scenario: 'uas_ring', timeoutSeconds: 30 }, async (ringing) => {
      await withRegisteredPhone(
        'op.lima',
        { scenario: 'uas_answer', timeoutSeconds: 30 },
        async (answering) => {
          peers.server.routeTo(firstUntried('op.kilo', 'op.lima'));
          const started = Date.now();
          const call = await callHotline();
          expect(call.exitCode, explain(call)).toBe(0);
          expect(call.receivedStatuses).toContain(200);
          const ring = await ringing.done;
          expect(ring.exitCode, explain(ring)).toBe(0);
          // The PBX cancelled op.kilo's ringing phone after the ring time, not before.
          expect(ring.messages).toMatch(/CANCEL sip:op\.kilo@/);
          expect(Date.now() - started).toBeGreaterThanOrEqual(RING_SECONDS * 1000);
          expect((await answering.done).exitCode).toBe(0);
        },
      );
    });
  });

  it('puts a call nobody took in the queue and rings the next operator when the server wakes it', async () => {
    await withRegisteredPhone('op.mike', { scenario: 'uas_busy', timeoutSeconds: 20 }, async (refusing) => {
      await withRegisteredPhone(
        'op.november',
        { scenario: 'uas_answer', timeoutSeconds: 20 },
        async (answering) => {
          let free = false;
          peers.server.routeTo((request) =>
            request.tried.length === 0 ? 'op.mike' : free ? 'op.november' : { wait: 1 },
          );
          const citizen = await peers.startCitizen({ caller: '0000000201', timeoutSeconds: 20 });
          const waiting = await peers.server.waitForRouteRequest(
            (r) => r.from === '0000000201' && r.tried.join() === 'op.mike',
          );
          expect((await refusing.done).exitCode).toBe(0);
          free = true;
          expect((await peers.server.continueCall(waiting.callId)).status).toBe(200);
          const call = await citizen.done;
          expect(call.exitCode, explain(call)).toBe(0);
          expect(call.receivedStatuses).toContain(200);
          expect((await answering.done).exitCode).toBe(0);
          // Asked three times: the first offer, after op.mike refused (wait), when woken.
          expect(requestsFor(waiting.callId).map((r) => r.tried)).toEqual([[], ['op.mike'], ['op.mike']]);
          const answered = await peers.server.waitForEvent(
            (e) => e.event === 'answered' && e.callId === waiting.callId,
          );
          expect(answered.operator).toBe('op.november');
        },
      );
    });
  });

  it(`answers busy at the PBX's own bound (${QUEUE_MAX_SECONDS} s) and tells the server timed_out`, async () => {
    peers.server.routeTo({ wait: 1 });
    const started = Date.now();
    const citizen = await peers.startCitizen({ caller: '0000000202', timeoutSeconds: 30 });
    const call = await citizen.done;
    const waited = Date.now() - started;
    expect(call.exitCode, explain(call)).toBe(0);
    expect(call.receivedStatuses.at(-1)).toBe(486);
    expect(reasonPhrase(call, 486)).toBe('No operator available');
    expect(waited).toBeGreaterThanOrEqual((QUEUE_MAX_SECONDS - 1) * 1000);
    expect(waited).toBeLessThan((QUEUE_MAX_SECONDS + 3) * 1000);
    // Ringback at once and refreshed every REFRESH_SECONDS; one routing question only.
    expect(call.receivedStatuses.filter((s) => s === 180).length).toBeGreaterThanOrEqual(2);
    const asked = peers.server.routeRequests.filter((r) => r.from === '0000000202');
    expect(asked).toHaveLength(1);
    const timedOut = await peers.server.waitForEvent(
      (e) => e.event === 'timed_out' && e.callId === asked[0]?.callId,
    );
    expect(timedOut.boot).toBe(peers.pbx.bootId);
  });

  it('answers busy when the only operator refused and the server gives the call up (410)', async () => {
    await withRegisteredPhone('op.oscar', { scenario: 'uas_busy', timeoutSeconds: 20 }, async (refusing) => {
      peers.server.routeTo((request) =>
        request.tried.length === 0 ? 'op.oscar' : { giveUp: 'no_operator' },
      );
      const call = await callHotline();
      expect(call.exitCode, explain(call)).toBe(0);
      expect(call.receivedStatuses.at(-1)).toBe(486);
      expect((await refusing.done).exitCode).toBe(0);
      const asked = requestsFor(peers.server.routeRequests.at(-1)?.callId);
      expect(asked.map((r) => r.tried)).toEqual([[], ['op.oscar']]);
    });
  });
});
