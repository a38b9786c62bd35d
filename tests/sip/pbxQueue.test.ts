// The hotline queue on the reference PBX (/tmp/notes/protocol.md, deploy/pbx/README.md "Queue"):
// a caller the server answers 202 hears ringing while their INVITE transaction is suspended, for as
// long as the server keeps them waiting, and is connected when the server wakes them with
// POST {ctl}/queue/continue; the PBX tells the server what happened (answered with the operator,
// abandoned, timed_out, and its own boot). Real Kamailio + rtpengine and sipp peers; the server is
// the stub (support/centralServerStub.ts), which keeps the queue's order here.
import { describe, expect, it } from 'vitest';
import type { RouteAnswer, RouteRequest } from './support/centralServerStub';
import { reasonPhrase } from './support/sipp';
import { useStubbedPbx } from './support/stubbedPbx';

const REFRESH_SECONDS = 10;
const peers = useStubbedPbx({ ringSeconds: 5, queueMaxSeconds: 120, queueRefreshSeconds: REFRESH_SECONDS });
const { explain, startCitizen, withRegisteredPhone } = peers;

/** The stub's queue: each call waits (202, position in arrival order) until given an operator. */
function stubQueue() {
  const operatorFor = new Map<string, string>();
  const arrived: string[] = [];
  peers.server.routeTo((request: RouteRequest): RouteAnswer => {
    const chosen = operatorFor.get(request.callId);
    if (chosen && !request.tried.includes(chosen)) return chosen;
    if (!arrived.includes(request.callId)) arrived.push(request.callId);
    return { wait: arrived.indexOf(request.callId) + 1 };
  });
  return {
    /** Offers the call to `operator` and wakes it on the PBX; the PBX's answer to the push. */
    offer: async (callId: string, operator: string) => {
      operatorFor.set(callId, operator);
      arrived.splice(arrived.indexOf(callId), 1);
      return peers.server.continueCall(callId);
    },
  };
}

const citizenAsked = (caller: string) => (request: RouteRequest) => request.from === caller;
const statusCount = (messages: string, status: number) =>
  [...messages.matchAll(new RegExp(`received \\[\\d+\\] bytes[^\\n]*\\n+SIP/2\\.0 ${status} `, 'g'))].length;

describe('reference PBX hotline queue', () => {
  it('keeps a queued caller waiting over 20 s with ringback, then connects them when woken', async () => {
    await withRegisteredPhone('op.oscar', { scenario: 'uas_answer', timeoutSeconds: 60 }, async (phone) => {
      const queue = stubQueue();
      const caller = '0000000101';
      const started = Date.now();
      const citizen = await startCitizen({ caller, timeoutSeconds: 60 });
      const asked = await peers.server.waitForRouteRequest(citizenAsked(caller));
      expect(asked).toMatchObject({ to: '1551', boot: peers.pbx.bootId, tried: [] });
      expect(asked.ctl).toBe(`http://127.0.0.1:${peers.pbx.options.wsPort}`);
      expect(asked.tindex).toMatch(/^\d+$/);
      expect(asked.tlabel).toMatch(/^\d+$/);

      await new Promise((r) => setTimeout(r, 22_000));
      // Suspended, not polled: the PBX asked once in 22 s.
      expect(peers.server.routeRequests.filter((r) => r.callId === asked.callId)).toHaveLength(1);
      const pushedAt = Date.now();
      const pushed = await queue.offer(asked.callId, 'op.oscar');
      console.info(
        `queue continue answered in ${Date.now() - pushedAt} ms (PBX asked /route, rang the operator)`,
      );
      expect(pushed, peers.pbx.kamailioLog()).toEqual({ status: 200, body: 'ok\n' });

      const call = await citizen.done;
      expect(call.exitCode, explain(call)).toBe(0);
      expect(call.receivedStatuses.at(-2)).toBe(200);
      expect(Date.now() - started).toBeGreaterThan(22_000);
      // 180 at once, and again every REFRESH_SECONDS while suspended (RFC 3261 13.3.1.1).
      expect(statusCount(call.messages, 180)).toBeGreaterThanOrEqual(3);
      expect((await phone.done).exitCode).toBe(0);

      const again = peers.server.routeRequests.filter((r) => r.callId === asked.callId);
      expect(again).toHaveLength(2);
      expect(again[1]).toMatchObject({ tindex: asked.tindex, tlabel: asked.tlabel, boot: asked.boot });
      const answered = await peers.server.waitForEvent(
        (e) => e.event === 'answered' && e.callId === asked.callId,
      );
      expect(answered).toMatchObject({ operator: 'op.oscar', boot: peers.pbx.bootId });
    });
  }, 60_000);

  it('connects two waiting callers in the order the server chooses, not their arrival', async () => {
    await withRegisteredPhone(
      'op.papa',
      { scenario: 'uas_answer', timeoutSeconds: 40, maxCalls: 2 },
      async (phone) => {
        const queue = stubQueue();
        const first = await startCitizen({ caller: '0000000102' });
        const firstAsked = await peers.server.waitForRouteRequest(citizenAsked('0000000102'));
        const second = await startCitizen({ caller: '0000000103' });
        const secondAsked = await peers.server.waitForRouteRequest(citizenAsked('0000000103'));
        expect(secondAsked.tindex + ':' + secondAsked.tlabel).not.toBe(
          firstAsked.tindex + ':' + firstAsked.tlabel,
        );

        // The server serves the later caller first (say, a benefit holder): the PBX follows it.
        expect((await queue.offer(secondAsked.callId, 'op.papa')).status).toBe(200);
        await peers.server.waitForEvent((e) => e.event === 'answered' && e.callId === secondAsked.callId);
        expect((await queue.offer(firstAsked.callId, 'op.papa')).status).toBe(200);
        await peers.server.waitForEvent((e) => e.event === 'answered' && e.callId === firstAsked.callId);

        for (const citizen of [first, second]) {
          const call = await citizen.done;
          expect(call.exitCode, explain(call)).toBe(0);
          expect(call.receivedStatuses).toContain(200);
        }
        const answered = peers.server.events.filter(
          (e) => e.event === 'answered' && [firstAsked.callId, secondAsked.callId].includes(e.callId ?? ''),
        );
        expect(answered.map((e) => e.callId)).toEqual([secondAsked.callId, firstAsked.callId]);
        // The operator's phone got the later caller's INVITE first.
        const operator = await phone.done;
        expect(operator.exitCode, explain(operator)).toBe(0);
        const invites = [...operator.messages.matchAll(/^From: <sip:(\d+)@/gm)].map((m) => m[1]);
        expect(invites.indexOf('0000000103')).toBeLessThan(invites.indexOf('0000000102'));
      },
    );
  }, 60_000);

  it('keeps a waiting caller through a server outage of several questions in a row, then connects them', async () => {
    await withRegisteredPhone('op.olga', { scenario: 'uas_answer', timeoutSeconds: 60 }, async (phone) => {
      stubQueue();
      const caller = '0000000107';
      const citizen = await startCitizen({ caller, timeoutSeconds: 60 });
      const asked = await peers.server.waitForRouteRequest(citizenAsked(caller));
      // The server restarts: the woken caller's questions fail five times in a row (a new caller's
      // would get 503 after three), then it answers again with an operator.
      let failures = 0;
      peers.server.routeTo((request) => {
        if (request.callId !== asked.callId) return { wait: 1 };
        if (failures < 5) {
          failures++;
          return { status: 503, body: 'restarting' };
        }
        return 'op.olga';
      });
      expect((await peers.server.continueCall(asked.callId)).status).toBe(200);
      const call = await citizen.done;
      expect(call.exitCode, explain(call)).toBe(0);
      expect(call.receivedStatuses).not.toContain(503);
      expect(call.receivedStatuses.at(-2)).toBe(200);
      expect(failures).toBe(5);
      expect((await phone.done).exitCode).toBe(0);
    });
  }, 60_000);

  it('gives a caller who hangs up while waiting 487 and tells the server abandoned', async () => {
    stubQueue();
    const citizen = await startCitizen({
      scenario: 'citizen_queue_cancel',
      caller: '0000000104',
      timeoutSeconds: 20,
    });
    const asked = await peers.server.waitForRouteRequest(citizenAsked('0000000104'));
    const call = await citizen.done;
    expect(call.exitCode, explain(call)).toBe(0);
    expect(call.receivedStatuses).toContain(487);
    expect(call.messages).toMatch(/SIP\/2\.0 200 [^\n]*\n(?:[^\n]+\n)*CSeq: 1 CANCEL/);
    const abandoned = await peers.server.waitForEvent(
      (e) => e.event === 'abandoned' && e.callId === asked.callId,
    );
    expect(abandoned.boot).toBe(peers.pbx.bootId);
    // Nothing waits any more: a late push is told so (the server then closes the entry).
    expect((await peers.server.continueCall(asked.callId)).status).toBe(404);
    expect(peers.server.routeRequests.filter((r) => r.callId === asked.callId)).toHaveLength(1);
  });

  it('refuses a push with a wrong token, and answers busy when the woken call is given up (410)', async () => {
    const queue = stubQueue();
    const citizen = await startCitizen({ caller: '0000000105', timeoutSeconds: 20 });
    const asked = await peers.server.waitForRouteRequest(citizenAsked('0000000105'));
    const forged = await peers.server.continueCall(asked.callId, 'not-the-pbx-token-0123456789');
    expect(forged.status).toBe(403);
    expect(peers.server.routeRequests.filter((r) => r.callId === asked.callId)).toHaveLength(1);

    // The server's max wait passed: it wakes the call and answers 410 timed_out.
    peers.server.routeTo({ giveUp: 'timed_out' });
    expect((await queue.offer(asked.callId, 'op.nobody')).status).toBe(200);
    const call = await citizen.done;
    expect(call.exitCode, explain(call)).toBe(0);
    expect(call.receivedStatuses.at(-1)).toBe(486);
    expect(reasonPhrase(call, 486)).toBe('No operator available');
  });

  it('answers 404 to a push for a transaction that does not exist', async () => {
    const response = await fetch(
      `http://127.0.0.1:${peers.pbx.options.wsPort}/queue/continue?tindex=1&tlabel=1`,
      { method: 'POST', headers: { authorization: `Bearer ${peers.pbx.options.token}` } },
    );
    expect(response.status).toBe(404);
    const malformed = await fetch(
      `http://127.0.0.1:${peers.pbx.options.wsPort}/queue/continue?tindex=x&tlabel=1`,
      { method: 'POST', headers: { authorization: `Bearer ${peers.pbx.options.token}` } },
    );
    expect(malformed.status).toBe(400);
  });

  it('does not queue a caller twice when their INVITE is retransmitted while they wait', async () => {
    await withRegisteredPhone('op.quebec', { scenario: 'uas_answer', timeoutSeconds: 30 }, async (phone) => {
      const queue = stubQueue();
      const citizen = await startCitizen({
        scenario: 'citizen_queued_retransmits',
        caller: '0000000106',
        timeoutSeconds: 30,
      });
      const asked = await peers.server.waitForRouteRequest(citizenAsked('0000000106'));
      // The retransmission comes right after the first 180; the PBX answers it with the 180 again.
      const deadline = Date.now() + 5_000;
      while (statusCount(citizen.messagesSoFar(), 180) < 2 && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(statusCount(citizen.messagesSoFar(), 180)).toBeGreaterThanOrEqual(2);
      expect(peers.server.routeRequests.filter((r) => r.from === '0000000106')).toHaveLength(1);

      expect((await queue.offer(asked.callId, 'op.quebec')).status).toBe(200);
      const call = await citizen.done;
      expect(call.exitCode, explain(call)).toBe(0);
      expect(call.receivedStatuses).toContain(200);
      expect((await phone.done).exitCode).toBe(0);
      expect(peers.server.routeRequests.filter((r) => r.from === '0000000106')).toHaveLength(2);
    });
  });
});
