// Codecs a citizen's phone may offer (issue 10): the browser speaks Opus, G.722 and G.711; a caller
// that offers only G.729 must still be heard (rtpengine transcodes it here: `rtpengine --codecs`
// lists G.729 as fully supported), one whose codec nobody can decode must be refused before any
// operator rings (488), and the pane must never show a call without audio as connected. Real
// stack: central server, Kamailio + rtpengine, the web host and its renderer in Chromium; the
// citizens are sipp, their audio an RTP peer that sends and counts packets.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { eventually, visible } from '../e2e/support/page';
import type { RealServer } from '../e2e/support/serverInstance';
import type { OperatorDesk } from './support/browserOperator';
import { freePort } from './support/ports';
import { g729Noise, startRtpPeer, type RtpPeer } from './support/rtpPeer';
import { startSipp, type SippProcess } from './support/sipp';
import { startSoftphoneStack, type SoftphoneStack } from './support/softphoneStack';
import { TEST_HOTLINE, type TestPbx } from './support/testPbx';

const TOKEN = 'softphone-codecs-token-0123456789abcdef';
const OPERATOR = 'operator1';

let stack: SoftphoneStack;
let server: RealServer;
let pbx: TestPbx;
let operator: OperatorDesk;
const peers: { kill(): void }[] = [];
const rtpPeers: RtpPeer[] = [];
let anyFailed = false;

beforeAll(async () => {
  stack = await startSoftphoneStack({ token: TOKEN, wrapUpSeconds: 2, withGateway: true });
  ({ server, pbx } = stack);
  operator = await stack.openDesk(OPERATOR);
  await operator.signIn();
  await operator.waitRegistered();
  await operator.goAvailable();
}, 120_000);

afterAll(async () => {
  for (const peer of peers) peer.kill();
  for (const rtp of rtpPeers) await rtp.close().catch(() => undefined);
  await operator?.close().catch(() => undefined);
  await stack?.close({ keepPbxLogs: anyFailed });
});

afterEach(async (context) => {
  if (context.task.result?.state !== 'fail') return;
  anyFailed = true;
  const state = await operator.describe().catch((e: Error) => e.message);
  console.error(`--- softphone ---\n${state}\n--- kamailio ---\n${pbx.kamailioLog()}`);
  await operator.dropAnyCall().catch(() => undefined);
});

interface CallRecordView {
  sipCallId: string;
  direction: string;
  remoteNumber: string;
  answeredAt: string | null;
  endedAt: string | null;
  result: string | null;
}

async function endedRecord(remoteNumber: string): Promise<CallRecordView> {
  const record = await eventually(
    async () => {
      const reply = await operator.api<{ items: CallRecordView[] }>('calls:list', {
        limit: 50,
        cursor: null,
      });
      if (!reply.ok) throw new Error(`calls:list failed: ${JSON.stringify(reply.error)}`);
      return reply.value.items.find((c) => c.remoteNumber === remoteNumber);
    },
    (c) => c !== undefined && c.result !== null,
  );
  return record!;
}

async function serverRoutesHere(): Promise<void> {
  await operator.waitAgentState('available');
  await eventually(
    async () => {
      const { rows } = await server.pool.query<{ state: string; sip_registered: boolean }>(
        `SELECT a.state->>'state' AS state, a.sip_registered FROM agents a JOIN users u ON u.id = a.user_id
          WHERE u.username = $1`,
        [OPERATOR],
      );
      return rows[0] ?? null;
    },
    (row) => row?.state === 'available' && row.sip_registered,
    15_000,
  );
}

/** Every call phase the pane shows from now until `stop`, in order. */
function watchPhases(): { stop: () => Promise<string[]> } {
  const phases: string[] = [];
  let watching = true;
  const done = (async () => {
    while (watching) {
      const phase = await operator.callPhase().catch(() => null);
      if (phase && phase !== phases.at(-1)) phases.push(phase);
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  return {
    stop: async () => {
      watching = false;
      await done;
      return phases;
    },
  };
}

describe('codecs a citizen’s phone offers', () => {
  it('connects a citizen who offers only G.729, transcoded, with audio both ways through hold and resume', async () => {
    await serverRoutesHere();
    const rtp = await startRtpPeer({ payloadType: 18, payload: g729Noise() });
    rtpPeers.push(rtp);
    const citizen: SippProcess = startSipp({
      scenario: 'citizen_one_codec',
      remote: pbx.sipTarget,
      localPort: await freePort(),
      service: TEST_HOTLINE,
      keys: { caller: '0675550701', codec_pt: 18, codec_name: 'G729/8000', rtp_sink_port: rtp.port },
      timeoutSeconds: 60,
    });
    peers.push(citizen);
    await Promise.race([
      visible(operator.page.getByTestId('softphone-incoming'), 15_000),
      citizen.done.then((r) => {
        throw new Error(
          `the G.729 citizen was refused (${r.receivedStatuses.join(',')}):\n${r.messages.slice(-2000)}`,
        );
      }),
    ]);
    await operator.page.getByTestId('softphone-answer').click();
    await operator.waitPhase('active');
    // The citizen's G.729 reaches the browser as sound; the operator's voice reaches them as G.729.
    const heard = await operator.waitAudio();
    await eventually(
      async () => rtp.received(18),
      (n) => n > 25,
    );
    expect(rtp.received() - rtp.received(18), 'only G.729 may reach a G.729-only phone').toBe(0);

    await operator.page.getByTestId('softphone-hold').click();
    await operator.waitPhase('held');
    await operator.page.getByTestId('softphone-hold').click();
    await operator.waitPhase('active');
    const before = rtp.received(18);
    await operator.waitAudio(heard);
    await eventually(
      async () => rtp.received(18),
      (n) => n > before + 25,
    );

    expect(rtp.received() - rtp.received(18), 'only G.729 may reach a G.729-only phone').toBe(0);

    await operator.page.getByTestId('softphone-hangup').click();
    const ended = await citizen.done;
    expect(ended.exitCode, ended.messages.slice(-3000)).toBe(0);
    // The dialog remembers it is transcoded, so the hold and resume offers kept G.729 for the citizen.
    expect(ended.messages).toMatch(/Record-Route:[^\r\n]*;tc=G729/);
    expect((await endedRecord('0675550701')).result).toBe('answered');
  });

  it('keeps a G.729 citizen’s audio through a re-INVITE of the citizen’s own (a session refresh)', async () => {
    await serverRoutesHere();
    const rtp = await startRtpPeer({ payloadType: 18, payload: g729Noise() });
    rtpPeers.push(rtp);
    const citizen = startSipp({
      scenario: 'citizen_g729_refresh',
      remote: pbx.sipTarget,
      localPort: await freePort(),
      service: TEST_HOTLINE,
      keys: { caller: '0675550704', rtp_sink_port: rtp.port },
      timeoutSeconds: 60,
    });
    peers.push(citizen);
    await visible(operator.page.getByTestId('softphone-incoming'), 15_000);
    await operator.page.getByTestId('softphone-answer').click();
    await operator.waitPhase('active');
    const heard = await operator.waitAudio();
    // The refresh is done once the citizen acknowledged the operator's answer to it.
    await eventually(
      async () => citizen.messagesSoFar(),
      (log) => log.includes('CSeq: 2 ACK'),
    );
    const answer = /SIP\/2\.0 200[^]*?CSeq: 2 INVITE[^]*?(m=audio \d+ [^\r\n]*)/.exec(
      citizen.messagesSoFar(),
    )?.[1];
    expect(answer, 'the answer to the citizen’s re-INVITE').toMatch(/^m=audio [1-9]\d* RTP\/AVP 18\b/);
    const before = rtp.received(18);
    await operator.waitAudio(heard);
    await eventually(
      async () => rtp.received(18),
      (n) => n > before + 25,
    );
    expect(await operator.callPhase()).toBe('active');
    await operator.page.getByTestId('softphone-hangup').click();
    const ended = await citizen.done;
    expect(ended.exitCode, ended.messages.slice(-3000)).toBe(0);
  });

  it('refuses a citizen whose only codec nobody decodes with 488, before any operator rings', async () => {
    await serverRoutesHere();
    const citizen = startSipp({
      scenario: 'codec_refused',
      remote: pbx.sipTarget,
      localPort: await freePort(),
      mediaPort: await freePort(),
      service: TEST_HOTLINE,
      keys: { caller: '0675550702', codec_pt: 96, codec_name: 'X-UNKNOWN/8000' },
      timeoutSeconds: 30,
    });
    peers.push(citizen);
    // Should it ring all the same, the operator declines (an answer would carry no audio).
    const rangOrRefused = await Promise.race([
      visible(operator.page.getByTestId('softphone-incoming'), 10_000).then(() => 'rang' as const),
      citizen.done.then(() => 'refused before ringing' as const),
    ]);
    if (rangOrRefused === 'rang') await operator.page.getByTestId('softphone-reject').click();
    const refused = await citizen.done;
    expect(refused.exitCode, refused.messages.slice(-3000)).toBe(0);
    expect(rangOrRefused).toBe('refused before ringing');
    expect(refused.receivedStatuses.at(-1)).toBe(488);
  });

  it('never shows an outside call answered without audio (m=audio 0) as connected, and hangs it up', async () => {
    await serverRoutesHere();
    const phone = startSipp({ scenario: 'uas_no_audio', localPort: stack.gatewayPort!, timeoutSeconds: 30 });
    peers.push(phone);
    const phases = watchPhases();
    const ended = await (async () => {
      await operator.page.getByTestId('softphone-dial-input').fill('0445550703');
      await operator.page.getByTestId('softphone-dial').click();
      return operator.waitPhase('ended', 15_000);
    })().then(
      () => null,
      (error: Error) => error,
    );
    const seen = await phases.stop();
    // Whatever the pane did, the far end must not be left up.
    if (seen.at(-1) === 'active') await operator.page.getByTestId('softphone-hangup').click();
    // The pane says the call failed (it stays "ended" for a moment), then is free again.
    expect(ended, `phases: ${seen.join(' → ')}`).toBeNull();
    expect(seen, `phases: ${seen.join(' → ')}`).not.toContain('active');
    await operator.waitPhase('idle', 10_000);
    const far = await phone.done;
    expect(far.exitCode, `the far end got no BYE:\n${far.messages.slice(-3000)}`).toBe(0);
    const record = await endedRecord('0445550703');
    expect(record).toMatchObject({ direction: 'outbound', result: 'failed', answeredAt: null });
  });
});
