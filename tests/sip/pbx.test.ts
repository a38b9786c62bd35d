// The reference PBX (deploy/pbx) with real peers: Kamailio + rtpengine started by pbx.ts, sipp
// as operators' phones and as a citizen calling the hotline. Runs as root inside a private
// network namespace (`npm run test:sip`, scripts/inNetns.sh).
//
// The central server here is tests/sip/support/centralServerStub.ts, a STUB of the two PBX
// endpoints, so each test can choose the HA1s and the routing answer; pbxRealServer.test.ts and
// softphone*.test.ts run the PBX against the real server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCentralServerStub, type CentralServerStub } from './support/centralServerStub';
import { freePort } from './support/ports';
import { startRtpSink, type RtpSink } from './support/rtpSink';
import {
  reasonPhrase,
  runSipp,
  startSipp,
  type Scenario,
  type SippProcess,
  type SippResult,
} from './support/sipp';
import { startTestPbx, TEST_DOMAIN, TEST_HOTLINE, type TestPbx } from './support/testPbx';

const TOKEN = 'pbx-test-token-0123456789abcdef';
const CITIZEN = '0000000001';

let server: CentralServerStub;
let pbx: TestPbx;

const explain = (result: SippResult) =>
  `sipp exit ${result.exitCode}, statuses ${result.receivedStatuses.join(',')}\n${result.stderr}\n` +
  `--- kamailio ---\n${pbx.kamailioLog()}`;

async function register(username: string, password: string, contactPort: number, expectRefusal = false) {
  return runSipp({
    scenario: expectRefusal ? 'register_refused' : 'register',
    remote: pbx.sipTarget,
    localPort: await freePort(),
    service: username,
    auth: { username, password },
    keys: { contact_port: contactPort, expires: 300 },
    timeoutSeconds: 10,
  });
}

/** A citizen's call to the hotline, or to `service` (an operator's username). */
async function callHotline(service: string = TEST_HOTLINE) {
  return runSipp({
    scenario: 'uac_call',
    remote: pbx.sipTarget,
    localPort: await freePort(),
    service,
    keys: { caller: CITIZEN },
    mediaPort: await freePort(),
    timeoutSeconds: 20,
  });
}

/**
 * An operator's phone registered as `username` (secret `<username>-secret`): a sipp UAS on its own
 * port, its RTP going into a sink. Stopped after `body`, whatever happens.
 */
async function withRegisteredPhone(
  username: string,
  uas: { scenario: Scenario; keys?: Record<string, string | number>; timeoutSeconds: number },
  body: (phone: SippProcess, sink: RtpSink) => Promise<void>,
): Promise<void> {
  server.setSecret(username, `${username}-secret`);
  const sink = await startRtpSink();
  const phonePort = await freePort();
  const phone = startSipp({
    scenario: uas.scenario,
    localPort: phonePort,
    keys: { rtp_sink_port: sink.port, ...uas.keys },
    timeoutSeconds: uas.timeoutSeconds,
  });
  try {
    const registered = await register(username, `${username}-secret`, phonePort);
    expect(registered.exitCode, explain(registered)).toBe(0);
    await body(phone, sink);
  } finally {
    phone.kill();
    await sink.close();
  }
}

beforeAll(async () => {
  server = await startCentralServerStub({ token: TOKEN, realm: TEST_DOMAIN });
  pbx = await startTestPbx({ serverUrl: server.url, token: TOKEN });
});

afterAll(async () => {
  await pbx?.close();
  await server?.close();
});

describe('reference PBX with real SIP peers', () => {
  it('registers a user whose digest matches the HA1 the central server holds', async () => {
    server.setSecret('op.alpha', 'alpha-secret');
    const result = await register('op.alpha', 'alpha-secret', await freePort());
    expect(result.exitCode, explain(result)).toBe(0);
    expect(result.receivedStatuses).toEqual([401, 200]);
    expect(server.ha1Requests).toContain('op.alpha');
    expect(server.unauthorized).toBe(0);
  });

  it('refuses a wrong password, and the refused user receives no calls', async () => {
    server.setSecret('op.bravo', 'bravo-secret');
    const refused = await register('op.bravo', 'not-the-secret', await freePort(), true);
    expect(refused.exitCode, explain(refused)).toBe(0);
    expect(refused.receivedStatuses).toEqual([401, 403]);

    // Not in the location table: a hotline call the server routes to op.bravo finds nobody.
    server.routeTo('op.bravo');
    const call = await callHotline();
    expect(call.exitCode, explain(call)).toBe(0);
    expect(call.receivedStatuses.at(-1)).toBe(480);
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
        server.routeTo('op.charlie');
        const routeCallsBefore = server.routeRequests.length;
        const call = await callHotline();
        expect(call.exitCode, explain(call)).toBe(0);
        expect(call.receivedStatuses).toContain(200);

        const answered = await phone.done;
        expect(answered.exitCode, explain(answered)).toBe(0);
        // The PBX asked the server once, with the dialled number, the caller and the Call-ID.
        const asked = server.routeRequests.slice(routeCallsBefore);
        expect(asked).toHaveLength(1);
        expect(asked[0]).toMatchObject({ to: TEST_HOTLINE, from: CITIZEN });
        expect(asked[0]?.callId).toMatch(/.+/);
        // The operator's phone got the INVITE with media anchored on rtpengine, not on the caller.
        const offeredPort = Number(
          /INVITE sip:op\.charlie@[\s\S]*?m=audio (\d+) RTP\/AVP 8/.exec(answered.messages)?.[1],
        );
        expect(offeredPort).toBeGreaterThanOrEqual(pbx.options.rtpPortMin);
        expect(offeredPort).toBeLessThanOrEqual(pbx.options.rtpPortMax);

        // Two seconds of PCMA (50 packets/s) reached the operator's audio port from rtpengine's range.
        expect(sink.packetsByPayloadType.get(8) ?? 0).toBeGreaterThan(40);
        for (const port of sink.sourcePorts) {
          expect(port).toBeGreaterThanOrEqual(pbx.options.rtpPortMin);
          expect(port).toBeLessThanOrEqual(pbx.options.rtpPortMax);
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
        server.routeTo('op.echo');
        const caller = await runSipp({
          scenario: 'uac_hold_refer',
          remote: pbx.sipTarget,
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
        expect(Number(hold?.[1])).toBeGreaterThanOrEqual(pbx.options.rtpPortMin);
        expect(Number(hold?.[1])).toBeLessThanOrEqual(pbx.options.rtpPortMax);
        // The REFER crossed the PBX to the caller with its Refer-To intact, and the 202 came back.
        expect(caller.messages).toMatch(/REFER sip:[\s\S]*?Refer-To: <sip:op\.foxtrot@pbx\.test>/);
        expect(operator.receivedStatuses).toContain(202);
      },
    );
  });

  it('delivers a call to a registered username directly, without asking the server', async () => {
    await withRegisteredPhone('op.golf', { scenario: 'uas_answer', timeoutSeconds: 20 }, async (phone) => {
      const routeCallsBefore = server.routeRequests.length;
      const call = await callHotline('op.golf');
      expect(call.receivedStatuses, explain(call)).toContain(200);
      expect((await phone.done).exitCode).toBe(0);
      expect(server.routeRequests.length).toBe(routeCallsBefore);
    });
  });

  it('cancels the ringing operator when the citizen hangs up first', async () => {
    server.setSecret('op.hotel', 'hotel-secret');
    const phonePort = await freePort();
    const phone = startSipp({ scenario: 'uas_ring', localPort: phonePort, timeoutSeconds: 20 });
    try {
      expect((await register('op.hotel', 'hotel-secret', phonePort)).exitCode).toBe(0);
      server.routeTo('op.hotel');
      const caller = await runSipp({
        scenario: 'uac_cancel',
        remote: pbx.sipTarget,
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
    server.routeTo(null);
    const call = await callHotline();
    expect(call.exitCode, explain(call)).toBe(0);
    expect(call.receivedStatuses.at(-1)).toBe(486);
    expect(reasonPhrase(call, 486)).toBe('No operator available');
  });

  it('lets a registered phone register again within 5 s of a PBX restart', async () => {
    server.setSecret('op.delta', 'delta-secret');
    const phonePort = await freePort();
    expect((await register('op.delta', 'delta-secret', phonePort)).exitCode).toBe(0);

    await pbx.restart();
    const restartedAt = Date.now();
    // The location table lived in memory: until the phone registers again, calls find nobody.
    server.routeTo('op.delta');
    const lost = await callHotline();
    expect(lost.receivedStatuses.at(-1), explain(lost)).toBe(480);

    const again = await register('op.delta', 'delta-secret', phonePort);
    expect(again.exitCode, explain(again)).toBe(0);
    expect(again.receivedStatuses).toEqual([401, 200]);
    expect(Date.now() - restartedAt).toBeLessThan(5_000);
  });
});

describe('reference PBX without its central server', () => {
  it('answers 503 to a hotline call when the server is unreachable', async () => {
    const deadServer = `http://127.0.0.1:${await freePort()}`;
    const lonely = await startTestPbx({ serverUrl: deadServer, token: TOKEN });
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
