// The reference PBX (deploy/pbx) with real peers: Kamailio + rtpengine started by pbx.ts, sipp
// as operators' phones and as a citizen calling the hotline. Runs as root inside a private
// network namespace (`npm run test:sip`, scripts/inNetns.sh).
//
// The central server here is tests/sip/support/centralServerStub.ts, a STUB of the two PBX
// endpoints (support/stubbedPbx.ts), so each test can choose the HA1s and the routing answer;
// pbxRealServer.test.ts and softphone*.test.ts run the PBX against the real server.
import { describe, expect, it } from 'vitest';
import { freePort } from './support/ports';
import { reasonPhrase, runSipp, startSipp } from './support/sipp';
import { CITIZEN, useStubbedPbx } from './support/stubbedPbx';
import { startTestPbx, TEST_DOMAIN, TEST_HOTLINE } from './support/testPbx';

// Busy at once (no wait for a free operator) and the default ring time: hunting and waiting
// have their own file, pbxHunting.test.ts.
const peers = useStubbedPbx();
const { explain, register, callHotline, withRegisteredPhone } = peers;

describe('reference PBX with real SIP peers', () => {
  it('registers a user whose digest matches the HA1 the central server holds', async () => {
    peers.server.setSecret('op.alpha', 'alpha-secret');
    const result = await register('op.alpha', 'alpha-secret', await freePort());
    expect(result.exitCode, explain(result)).toBe(0);
    expect(result.receivedStatuses).toEqual([401, 200]);
    expect(peers.server.ha1Requests).toContain('op.alpha');
    expect(peers.server.unauthorized).toBe(0);
  });

  it('refuses a wrong password, and the refused user receives no calls', async () => {
    peers.server.setSecret('op.bravo', 'bravo-secret');
    const refused = await register('op.bravo', 'not-the-secret', await freePort(), true);
    expect(refused.exitCode, explain(refused)).toBe(0);
    expect(refused.receivedStatuses).toEqual([401, 403]);

    // Not in the location table: a hotline call the server routes to op.bravo is not delivered
    // to anyone; the PBX passes op.bravo over and, with nobody else, answers busy.
    peers.server.routeTo('op.bravo');
    const call = await callHotline();
    expect(call.exitCode, explain(call)).toBe(0);
    expect(call.receivedStatuses.at(-1)).toBe(486);
    expect(peers.server.routeRequests.at(-1)?.tried).toContain('op.bravo');
  });

  it('refuses a user the central server has no SIP credentials for', async () => {
    const refused = await register('op.nobody', 'whatever', await freePort(), true);
    expect(refused.receivedStatuses, explain(refused)).toEqual([401, 403]);
    expect(reasonPhrase(refused, 403)).toBe('No SIP credentials');
  });

  it('routes a hotline call to the operator the server chooses, with RTP through rtpengine', async () => {
    await withRegisteredPhone(
      'op.charlie',
      { scenario: 'uas_answer', timeoutSeconds: 25 },
      async (phone, sink) => {
        peers.server.routeTo('op.charlie');
        const routeCallsBefore = peers.server.routeRequests.length;
        const call = await callHotline();
        expect(call.exitCode, explain(call)).toBe(0);
        expect(call.receivedStatuses).toContain(200);

        const answered = await phone.done;
        expect(answered.exitCode, explain(answered)).toBe(0);
        // The PBX asked the server once, with the dialled number, the caller and the Call-ID.
        const asked = peers.server.routeRequests.slice(routeCallsBefore);
        expect(asked).toHaveLength(1);
        expect(asked[0]).toMatchObject({ to: TEST_HOTLINE, from: CITIZEN });
        expect(asked[0]?.callId).toMatch(/.+/);
        // The operator's phone got the INVITE with media anchored on rtpengine, not on the caller.
        const offeredPort = Number(
          /INVITE sip:op\.charlie@[\s\S]*?m=audio (\d+) RTP\/AVP 8/.exec(answered.messages)?.[1],
        );
        expect(offeredPort).toBeGreaterThanOrEqual(peers.pbx.options.rtpPortMin);
        expect(offeredPort).toBeLessThanOrEqual(peers.pbx.options.rtpPortMax);

        // Two seconds of PCMA (50 packets/s) reached the operator's audio port from rtpengine's range.
        expect(sink.packetsByPayloadType.get(8) ?? 0).toBeGreaterThan(40);
        for (const port of sink.sourcePorts) {
          expect(port).toBeGreaterThanOrEqual(peers.pbx.options.rtpPortMin);
          expect(port).toBeLessThanOrEqual(peers.pbx.options.rtpPortMax);
        }
      },
    );
  });

  it('carries hold (re-INVITE) and transfer (REFER) inside an established hotline call', async () => {
    await withRegisteredPhone(
      'op.echo',
      {
        scenario: 'uas_hold_refer',
        keys: { transfer_target: `sip:op.foxtrot@${TEST_DOMAIN}` },
        timeoutSeconds: 25,
      },
      async (phone) => {
        peers.server.routeTo('op.echo');
        const caller = await runSipp({
          scenario: 'uac_hold_refer',
          remote: peers.pbx.sipTarget,
          localPort: await freePort(),
          service: TEST_HOTLINE,
          keys: { caller: CITIZEN },
          mediaPort: await freePort(),
          timeoutSeconds: 20,
        });
        expect(caller.exitCode, explain(caller)).toBe(0);
        const operator = await phone.done;
        expect(operator.exitCode, explain(operator)).toBe(0);

        // The hold re-INVITE reached the operator with its direction, media still on rtpengine.
        const hold =
          /INVITE sip:[^\n]*\n(?:(?!CSeq)[^\n]*\n)*CSeq: 2 INVITE[\s\S]*?m=audio (\d+) [\s\S]*?a=(sendonly|inactive)/.exec(
            operator.messages,
          );
        expect(hold, operator.messages).not.toBeNull();
        expect(Number(hold?.[1])).toBeGreaterThanOrEqual(peers.pbx.options.rtpPortMin);
        expect(Number(hold?.[1])).toBeLessThanOrEqual(peers.pbx.options.rtpPortMax);
        // The REFER crossed the PBX to the caller with its Refer-To intact, and the 202 came back.
        expect(caller.messages).toMatch(/REFER sip:[\s\S]*?Refer-To: <sip:op\.foxtrot@pbx\.test>/);
        expect(operator.receivedStatuses).toContain(202);
      },
    );
  });

  it('delivers a call to a registered username directly, without asking the server', async () => {
    await withRegisteredPhone('op.golf', { scenario: 'uas_answer', timeoutSeconds: 20 }, async (phone) => {
      const routeCallsBefore = peers.server.routeRequests.length;
      const call = await callHotline('op.golf');
      expect(call.receivedStatuses, explain(call)).toContain(200);
      expect((await phone.done).exitCode).toBe(0);
      expect(peers.server.routeRequests.length).toBe(routeCallsBefore);
    });
  });

  it('cancels the ringing operator when the citizen hangs up first', async () => {
    peers.server.setSecret('op.hotel', 'hotel-secret');
    const phonePort = await freePort();
    const phone = startSipp({ scenario: 'uas_ring', localPort: phonePort, timeoutSeconds: 20 });
    try {
      expect((await register('op.hotel', 'hotel-secret', phonePort)).exitCode).toBe(0);
      peers.server.routeTo('op.hotel');
      const caller = await runSipp({
        scenario: 'uac_cancel',
        remote: peers.pbx.sipTarget,
        localPort: await freePort(),
        service: TEST_HOTLINE,
        keys: { caller: CITIZEN },
        mediaPort: await freePort(),
        timeoutSeconds: 15,
      });
      expect(caller.exitCode, explain(caller)).toBe(0);
      expect(caller.receivedStatuses.slice(-2)).toEqual([200, 487]);
      const operator = await phone.done;
      expect(operator.exitCode, explain(operator)).toBe(0);
      expect(operator.messages).toMatch(/CANCEL sip:op\.hotel@/);
    } finally {
      phone.kill();
    }
  });

  it('answers 486 when the server has no operator available', async () => {
    peers.server.routeTo(null);
    const call = await callHotline();
    expect(call.exitCode, explain(call)).toBe(0);
    expect(call.receivedStatuses.at(-1)).toBe(486);
    expect(reasonPhrase(call, 486)).toBe('No operator available');
  });

  it('tells the server its new boot id and lets a phone register again within 5 s of a PBX restart', async () => {
    peers.server.setSecret('op.delta', 'delta-secret');
    const phonePort = await freePort();
    expect((await register('op.delta', 'delta-secret', phonePort)).exitCode).toBe(0);

    // Each start tells the server its boot id (so the server closes what an earlier start left
    // waiting); a restart is a new start with a new id.
    const firstBoot = peers.pbx.bootId;
    expect(firstBoot).toMatch(/^[A-Za-z0-9-]{8,64}$/);
    await peers.server.waitForEvent((e) => e.event === 'boot' && e.boot === firstBoot);
    await peers.pbx.restart();
    const restartedAt = Date.now();
    const secondBoot = peers.pbx.bootId;
    expect(secondBoot).not.toBe(firstBoot);
    const booted = await peers.server.waitForEvent((e) => e.event === 'boot' && e.boot === secondBoot);
    expect(booted.callId).toBeNull();
    console.info(`boot event received ${booted.at - restartedAt} ms after the restarted PBX answered SIP`);
    // The location table lived in memory: until the phone registers again, calls find nobody.
    peers.server.routeTo('op.delta');
    const lost = await callHotline();
    // The PBX passes over the chosen operator (not registered here), tells the server, and
    // answers busy when nobody else is offered.
    expect(lost.receivedStatuses.at(-1), explain(lost)).toBe(486);
    expect(peers.server.routeRequests.at(-1)?.tried).toContain('op.delta');

    const again = await register('op.delta', 'delta-secret', phonePort);
    expect(again.exitCode, explain(again)).toBe(0);
    expect(again.receivedStatuses).toEqual([401, 200]);
    expect(Date.now() - restartedAt).toBeLessThan(5_000);
  });
});

describe('reference PBX without its central server', () => {
  it('answers 503 to a hotline call when the server is unreachable', async () => {
    const deadServer = `http://127.0.0.1:${await freePort()}`;
    const lonely = await startTestPbx({ serverUrl: deadServer, token: 'pbx-test-token-0123456789abcdef' });
    try {
      const call = await runSipp({
        scenario: 'uac_call',
        remote: lonely.sipTarget,
        localPort: await freePort(),
        service: TEST_HOTLINE,
        keys: { caller: CITIZEN },
        mediaPort: await freePort(),
        timeoutSeconds: 15,
      });
      expect(call.exitCode, `${call.stderr}\n${lonely.kamailioLog()}`).toBe(0);
      expect(call.receivedStatuses.at(-1)).toBe(503);
      expect(lonely.kamailioLog()).toMatch(/central server unreachable/);
    } finally {
      await lonely.close();
    }
  });
});
