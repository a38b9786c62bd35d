// Hotline calls that the first operator does not take, and callers who find every operator busy:
// the reference PBX offers the call to the next operator the server chooses (telling the server
// who was tried) and, while nobody is free, keeps the caller ringing and asks again for up to its
// wait time before answering busy. Real Kamailio + rtpengine and sipp peers; the server is the stub.
import { describe, expect, it } from 'vitest';
import type { RouteRequest } from './support/centralServerStub';
import { reasonPhrase } from './support/sipp';
import { useStubbedPbx } from './support/stubbedPbx';
import { hotlineWait } from '../../deploy/pbx/pbxConfig';

const RING_SECONDS = 5;
const WAIT_SECONDS = 3;
const RETRY_MS = hotlineWait(WAIT_SECONDS).retryMs;
const peers = useStubbedPbx({ ringSeconds: RING_SECONDS, waitSeconds: WAIT_SECONDS });
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

  it('keeps a caller ringing while nobody is free and connects them once someone is', async () => {
    await withRegisteredPhone(
      'op.mike',
      { scenario: 'uas_answer', timeoutSeconds: 20 },
      async (answering) => {
        let free = false;
        peers.server.routeTo(() => (free ? 'op.mike' : null));
        const freed = setTimeout(() => (free = true), 1_500);
        try {
          const call = await callHotline();
          expect(call.exitCode, explain(call)).toBe(0);
          expect(call.receivedStatuses).toContain(200);
          expect((await answering.done).exitCode).toBe(0);
        } finally {
          clearTimeout(freed);
        }
        // Asked again every RETRY_MS while the caller waited, about the same call each time.
        const asked = requestsFor(peers.server.routeRequests.at(-1)?.callId);
        expect(asked.length).toBeGreaterThanOrEqual(Math.floor(1_500 / RETRY_MS));
        expect(asked.length).toBeLessThanOrEqual(Math.ceil(1_500 / RETRY_MS) + 3);
      },
    );
  });

  it(`answers busy after ${WAIT_SECONDS} s when nobody becomes free`, async () => {
    peers.server.routeTo(null);
    const started = Date.now();
    const call = await callHotline();
    const waited = Date.now() - started;
    expect(call.exitCode, explain(call)).toBe(0);
    expect(call.receivedStatuses.at(-1)).toBe(486);
    expect(reasonPhrase(call, 486)).toBe('No operator available');
    expect(waited).toBeGreaterThanOrEqual((WAIT_SECONDS - 1) * 1000);
    expect(waited).toBeLessThan((WAIT_SECONDS + 3) * 1000);
  });

  it('answers busy after the wait when the only operator refused and nobody else became free', async () => {
    await withRegisteredPhone(
      'op.november',
      { scenario: 'uas_busy', timeoutSeconds: 20 },
      async (refusing) => {
        peers.server.routeTo(firstUntried('op.november'));
        const call = await callHotline();
        expect(call.exitCode, explain(call)).toBe(0);
        expect(call.receivedStatuses.at(-1)).toBe(486);
        expect((await refusing.done).exitCode).toBe(0);
        const asked = requestsFor(peers.server.routeRequests.at(-1)?.callId);
        expect(asked.length).toBe(2 + hotlineWait(WAIT_SECONDS).rounds);
        expect(asked.slice(1).every((r) => r.tried.join() === 'op.november')).toBe(true);
      },
    );
  });
});
