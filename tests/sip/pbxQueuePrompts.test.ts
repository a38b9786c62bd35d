// The queue's position announcement (deploy/pbx/README.md, "Queue announcements"): a PBX started
// with --queue-prompts answers a waiting caller 183 Session Progress with rtpengine's SDP and
// rtpengine plays "you are number N in the queue" (espeak-ng prompts made at start) to the caller as
// early media; the operator's answer later takes over the same call. Real Kamailio + rtpengine and
// sipp; the caller's audio port is a sink that counts what arrives.
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pbxFiles } from '../../deploy/pbx/pbxConfig';
import { startRtpSink } from './support/rtpSink';
import { useStubbedPbx } from './support/stubbedPbx';

const peers = useStubbedPbx({
  ringSeconds: 5,
  queueMaxSeconds: 60,
  queueRefreshSeconds: 30,
  queuePrompts: ['uk', 'en'],
});

const waitUntil = async (check: () => boolean, timeoutMs: number) => {
  const deadline = Date.now() + timeoutMs;
  while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  return check();
};

describe('reference PBX queue announcements', () => {
  it('made a prompt per position at start', () => {
    const prompts = pbxFiles(peers.pbx.options.dataDir).prompts;
    for (const name of ['queue-1.wav', 'queue-20.wav', 'queue-over.wav']) {
      expect(existsSync(join(prompts, name))).toBe(true);
      // Two sentences of speech at 22 kHz: well over half a second.
      expect(statSync(join(prompts, name)).size).toBeGreaterThan(30_000);
    }
  });

  it('plays the position to a waiting caller as early media, then connects the operator on the same call', async () => {
    await peers.withRegisteredPhone(
      'op.romeo',
      { scenario: 'uas_answer', timeoutSeconds: 40 },
      async (phone, operatorSink) => {
        let free = false;
        peers.server.routeTo(() => (free ? 'op.romeo' : { wait: 3 }));
        const callerSink = await startRtpSink();
        try {
          const citizen = await peers.startCitizen({
            scenario: 'citizen_queued_listens',
            caller: '0000000401',
            keys: { rtp_sink_port: callerSink.port },
            timeoutSeconds: 40,
          });
          const asked = await peers.server.waitForRouteRequest((r) => r.from === '0000000401');
          // 183 with rtpengine's SDP, then the announcement: G.711 A-law from rtpengine's ports.
          expect(
            await waitUntil(() => /SIP\/2\.0 183 /.test(citizen.messagesSoFar()), 5_000),
            peers.pbx.kamailioLog(),
          ).toBe(true);
          const progress = /SIP\/2\.0 183 [\s\S]*?m=audio (\d+) RTP\/AVP/.exec(citizen.messagesSoFar());
          const earlyPort = Number(progress?.[1]);
          expect(earlyPort).toBeGreaterThanOrEqual(peers.pbx.options.rtpPortMin);
          expect(earlyPort).toBeLessThanOrEqual(peers.pbx.options.rtpPortMax);
          expect(await waitUntil(() => (callerSink.packetsByPayloadType.get(8) ?? 0) > 50, 5_000)).toBe(true);
          for (const port of callerSink.sourcePorts) {
            expect(port).toBeGreaterThanOrEqual(peers.pbx.options.rtpPortMin);
            expect(port).toBeLessThanOrEqual(peers.pbx.options.rtpPortMax);
          }
          const announced = callerSink.packetsByPayloadType.get(8) ?? 0;
          console.info(
            `announcement: ${announced} PCMA packets to the waiting caller within ${Date.now() - asked.at} ms`,
          );

          free = true;
          expect((await peers.server.continueCall(asked.callId)).status).toBe(200);
          const call = await citizen.done;
          expect(call.exitCode, peers.explain(call)).toBe(0);
          expect(call.receivedStatuses).toContain(200);
          expect((await phone.done).exitCode).toBe(0);
          // The caller's second of audio reached the operator through rtpengine.
          expect(operatorSink.packetsByPayloadType.get(8) ?? 0).toBeGreaterThan(20);
          const answered = await peers.server.waitForEvent(
            (e) => e.event === 'answered' && e.callId === asked.callId,
          );
          expect(answered.operator).toBe('op.romeo');
        } finally {
          await callerSink.close();
        }
      },
    );
  }, 60_000);
});
