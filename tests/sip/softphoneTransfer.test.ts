// Attended transfer with real peers (issue 10): a citizen on sipp calls the hotline, operator1
// answers, consults operator2 (or a number outside, through the PBX's gateway) while the citizen
// waits on hold, then joins them: the citizen follows the REFER with an INVITE carrying Replaces
// (RFC 3891) and must end up talking to the target with audio both ways, operator1 free. The
// consulted operator's leg is a consultation, not a citizen's call: recorded as such, no wrap-up.
// A caller's own REFER to the operator is declined. Real stack: central server, Kamailio +
// rtpengine, two web hosts with their renderers in Chromium; audio on the citizen's and the outside
// phone's new legs is an RTP peer that sends a tone and counts what arrives.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { eventually, visible } from '../e2e/support/page';
import type { RealServer } from '../e2e/support/serverInstance';
import type { OperatorDesk } from './support/browserOperator';
import { freePort } from './support/ports';
import { alawTone, startRtpPeer, type RtpPeer } from './support/rtpPeer';
import { startSipp, type SippProcess } from './support/sipp';
import { startSoftphoneStack, type SoftphoneStack } from './support/softphoneStack';
import { TEST_DOMAIN, TEST_HOTLINE, type TestPbx } from './support/testPbx';

const TOKEN = 'softphone-transfer-token-0123456789abcd';

let stack: SoftphoneStack;
let server: RealServer;
let pbx: TestPbx;
let operator1: OperatorDesk;
let operator2: OperatorDesk;
const peers: SippProcess[] = [];
const rtpPeers: RtpPeer[] = [];
let anyFailed = false;

beforeAll(async () => {
  // The production wrap-up, so a wrap-up that should not happen is plain to see.
  stack = await startSoftphoneStack({ token: TOKEN, wrapUpSeconds: 30, withGateway: true });
  ({ server, pbx } = stack);
  operator1 = await stack.openDesk('operator1');
  operator2 = await stack.openDesk('operator2');

  for (const desk of [operator1, operator2]) {
    await desk.signIn();
    await desk.waitRegistered();
  }
}, 150_000);

afterAll(async () => {
  for (const peer of peers) peer.kill();
  for (const rtp of rtpPeers) await rtp.close().catch(() => undefined);
  await operator2?.close().catch(() => undefined);
  await operator1?.close().catch(() => undefined);
  await stack?.close({ keepPbxLogs: anyFailed });
});

afterEach(async (context) => {
  const ours = peers.splice(0);
  if (context.task.result?.state === 'fail') {
    anyFailed = true;
    const states = await Promise.all(
      [operator1, operator2].map((d) => d.describe().catch((e: Error) => e.message)),
    );
    const logs = await Promise.all(
      ours.map(async (p) => {
        const running = p.messagesSoFar();
        if (running) return running;
        const ended = await Promise.race([
          p.done,
          new Promise<null>((r) => setTimeout(() => r(null), 1_000)),
        ]);
        return ended ? `(exit ${ended.exitCode}) ${ended.stderr.slice(-1000)}\n${ended.messages}` : '';
      }),
    );
    const sipp = logs.map((l) => l.slice(-6000)).join('\n=====\n');
    console.error(
      `--- softphones ---\n${states.join('\n')}\n--- kamailio ---\n${pbx.kamailioLog()}\n--- sipp ---\n${sipp}`,
    );
    for (const desk of [operator1, operator2]) await desk.dropAnyCall().catch(() => undefined);
  }
  for (const peer of ours) peer.kill();
});

interface CallRecordView {
  id: string;
  sipCallId: string;
  direction: string;
  remoteNumber: string;
  answeredAt: string | null;
  endedAt: string | null;
  result: string | null;
  transferTarget: string | null;
  kind?: string;
}

async function records(desk: OperatorDesk): Promise<CallRecordView[]> {
  const reply = await desk.api<{ items: CallRecordView[] }>('calls:list', { limit: 50, cursor: null });
  if (!reply.ok) throw new Error(`calls:list failed: ${JSON.stringify(reply.error)}`);
  return reply.value.items;
}

async function endedRecord(desk: OperatorDesk, remoteNumber: string): Promise<CallRecordView> {
  const found = await eventually(
    async () => (await records(desk)).find((c) => c.remoteNumber === remoteNumber),
    (c) => c !== undefined && c.result !== null,
  ).catch((error: Error) => {
    throw new Error(`${desk.username} has no ended record of ${remoteNumber}: ${error.message}`, {
      cause: error,
    });
  });
  return found!;
}

async function serverAgentState(username: string): Promise<string | null> {
  const { rows } = await server.pool.query<{ state: string }>(
    `SELECT a.state->>'state' AS state FROM agents a JOIN users u ON u.id = a.user_id WHERE u.username = $1`,
    [username],
  );
  return rows[0]?.state ?? null;
}

/** Both available, operator1 longest: the next hotline call rings operator1. */
async function operator1TakesTheNextCall(): Promise<void> {
  await operator2.goOnBreak('meeting');
  await operator1.goAvailable();
  await operator2.goAvailable();
  await eventually(
    () => serverAgentState('operator1'),
    (s) => s === 'available',
  );
}

/** A citizen following transfers, answered by operator1 with audio; their new legs' audio goes to `rtp`. */
async function citizenAnsweredByOperator1(callerId: string, rtp: RtpPeer): Promise<SippProcess> {
  await operator1TakesTheNextCall();
  const citizen = startSipp({
    scenario: 'citizen_transferee',
    remote: pbx.sipTarget,
    localPort: await freePort(),
    mediaPort: await freePort(),
    service: TEST_HOTLINE,
    keys: { caller: callerId, rtp_sink_port: rtp.port },
    timeoutSeconds: 90,
  });
  peers.push(citizen);
  await Promise.race([
    visible(operator1.page.getByTestId('softphone-incoming'), 15_000),
    citizen.done.then((r) => {
      throw new Error(
        `the citizen's call ended before it rang (${r.receivedStatuses.join(',')}):\n${r.stderr.slice(-1500)}`,
      );
    }),
  ]);
  await operator1.page.getByTestId('softphone-answer').click();
  await operator1.waitPhase('active');
  await operator1.waitAudio();
  return citizen;
}

/** operator1 puts the citizen on hold and calls `target` to prepare the transfer. */
async function consult(target: string): Promise<void> {
  const page = operator1.page;
  await page.getByTestId('softphone-transfer').click();
  const dialog = await visible(page.getByTestId('softphone-transfer-dialog'));
  await dialog.getByRole('button', { name: 'With consultation' }).click();
  await dialog.getByRole('textbox').fill(target);
  await dialog.getByRole('button', { name: 'Call the target first' }).click();
}

async function consultationIsUp(): Promise<void> {
  await eventually(
    () =>
      operator1.page
        .getByTestId('softphone-consult')
        .innerText({ timeout: 1_000 })
        .catch(() => ''),
    (text) => text.startsWith('Talking to'),
    15_000,
  );
}

async function completeTransfer(): Promise<void> {
  const dialog = operator1.page.getByTestId('softphone-transfer-dialog');
  await dialog.getByRole('button', { name: 'Complete the transfer' }).click();
}

/** The SDP audio address of the answer to the citizen's INVITE with Replaces (rtpengine's port). */
function newLegRelay(citizen: SippProcess): { host: string; port: number } | null {
  const answer =
    /SIP\/2\.0 200 OK[^]*?Call-ID: xfer\/\/\/[^]*?CSeq: 1 INVITE[^]*?c=IN IP4 (\S+)[^]*?m=audio (\d+)/.exec(
      citizen.messagesSoFar(),
    );
  return answer?.[1] && answer[2] ? { host: answer[1], port: Number(answer[2]) } : null;
}

describe('attended transfer with real peers', () => {
  it('hands a citizen from operator1 to operator2: audio both ways, operator1 free, operator2’s leg a consultation', async () => {
    const rtp = await startRtpPeer({ payloadType: 8, payload: alawTone(440) });
    rtpPeers.push(rtp);
    const citizen = await citizenAnsweredByOperator1('0675550801', rtp);

    await consult('operator2');
    await visible(operator2.page.getByTestId('softphone-incoming'), 15_000);
    await operator2.page.getByTestId('softphone-answer').click();
    await operator2.waitPhase('active');
    await operator2.waitAudio();
    await consultationIsUp();
    await operator2.waitAgentState('on_call');

    await completeTransfer();
    await operator1.waitPhase('ended', 15_000);
    // operator2 now has the citizen, answered without ringing again.
    await operator2.waitPhase('active');
    await visible(operator2.page.getByText('+380 67 555 08 01').first());
    const heard = await operator2.waitAudio();
    expect(heard.totalAudioEnergy).toBeGreaterThan(0);
    await eventually(
      async () => rtp.received(8),
      (n) => n > 25,
    );
    // operator1 is off the call: the citizen's leg ended as a transfer to operator2.
    const transferred = await endedRecord(operator1, '0675550801');
    expect(transferred).toMatchObject({ result: 'transferred', transferTarget: 'operator2' });
    expect(await serverAgentState('operator1')).not.toBe('on_call');
    await operator2.waitAgentState('on_call');

    await operator2.page.getByTestId('softphone-hangup').click();
    const ended = await citizen.done;
    expect(ended.exitCode, ended.messages.slice(-4000)).toBe(0);
    expect(ended.messages).toMatch(/^Replaces: \S+;to-tag=\S+;from-tag=\S+/m);

    // operator2's records: the consultation with operator1, then the citizen's call.
    const consultation = await endedRecord(operator2, 'operator1');
    expect(consultation).toMatchObject({ kind: 'consultation', direction: 'inbound' });
    const handedOver = await endedRecord(operator2, '0675550801');
    expect(handedOver).toMatchObject({ kind: 'citizen', direction: 'inbound', result: 'answered' });
    expect(handedOver.sipCallId).toMatch(/^xfer\/\/\//);
    await operator2.waitAgentState('wrap_up');
  });

  it('hands a citizen to a number outside through the gateway, with audio both ways', async () => {
    const citizenAudio = await startRtpPeer({ payloadType: 8, payload: alawTone(440) });
    const outsideAudio = await startRtpPeer({ payloadType: 8, payload: alawTone(880) });
    rtpPeers.push(citizenAudio, outsideAudio);
    const outside = startSipp({
      scenario: 'uas_transfer_target',
      localPort: stack.gatewayPort!,
      keys: { rtp_sink_port: outsideAudio.port },
      maxCalls: 2,
      timeoutSeconds: 90,
    });
    peers.push(outside);
    const citizen = await citizenAnsweredByOperator1('0675550802', citizenAudio);

    await consult('0445550802');
    await consultationIsUp();
    await completeTransfer();
    await operator1.waitPhase('ended', 15_000);
    const transferred = await endedRecord(operator1, '0675550802');
    expect(transferred).toMatchObject({ result: 'transferred', transferTarget: '0445550802' });

    // Nobody on the new leg has sent yet: the citizen starts, toward rtpengine's port in its answer.
    const relay = await eventually(
      async () => newLegRelay(citizen),
      (r) => r !== null,
    );
    const reachedOutside = outsideAudio.received(8);
    citizenAudio.sendTo(relay!.host, relay!.port);
    await eventually(
      async () => outsideAudio.received(8),
      (n) => n > reachedOutside + 25,
    );
    await eventually(
      async () => citizenAudio.received(8),
      (n) => n > 25,
    );
    expect(await serverAgentState('operator1')).not.toBe('on_call');

    // The outside phone hangs up the transferred call after a while; both sipps end cleanly.
    const [citizenEnded, outsideEnded] = await Promise.all([citizen.done, outside.done]);
    expect(citizenEnded.exitCode, citizenEnded.messages.slice(-4000)).toBe(0);
    expect(outsideEnded.exitCode, outsideEnded.messages.slice(-4000)).toBe(0);
    // The gateway got the caller's INVITE with Replaces naming operator1's consultation.
    const consultCallId = /INVITE sip:[^]*?^Call-ID: (\S+)/m.exec(outsideEnded.messages)?.[1];
    expect(consultCallId).toBeDefined();
    expect(outsideEnded.messages).toContain(`Replaces: ${consultCallId};to-tag=`);
  });

  it('records a consultation that ends without a transfer as a consultation, with no wrap-up for operator2', async () => {
    const rtp = await startRtpPeer({ payloadType: 8, payload: alawTone(440) });
    rtpPeers.push(rtp);
    const citizen = await citizenAnsweredByOperator1('0675550803', rtp);
    // Where operator2 stood: the first test left them a record of operator1's consultation.
    const consultationsBefore = (await records(operator2)).filter(
      (c) => c.remoteNumber === 'operator1',
    ).length;

    await consult('operator2');
    await visible(operator2.page.getByTestId('softphone-incoming'), 15_000);
    await operator2.page.getByTestId('softphone-answer').click();
    await operator2.waitPhase('active');
    await consultationIsUp();
    // operator1 changes their mind: back to the caller, the consultation ends.
    await operator1.page
      .getByTestId('softphone-transfer-dialog')
      .getByRole('button', { name: 'Back to the caller' })
      .click();
    await operator1.waitPhase('active');

    // Straight back to available: a colleague's consultation leaves no notes to write.
    await operator2.waitAgentState('available', 5_000);
    await eventually(
      () => serverAgentState('operator2'),
      (s) => s === 'available',
    );
    const consultation = await eventually(
      async () => (await records(operator2)).filter((c) => c.remoteNumber === 'operator1'),
      (list) => list.length > consultationsBefore && list.every((c) => c.result !== null),
    );
    // Newest first.
    const latest = consultation[0]!;
    expect(latest).toMatchObject({ kind: 'consultation', result: 'answered' });
    // The record reaches the server by sync as a consultation.
    await eventually(
      async () => {
        const { rows } = await server.pool.query<{ kind: string | null }>(
          `SELECT record->>'kind' AS kind FROM calls WHERE id = $1`,
          [latest.id],
        );
        return rows[0]?.kind ?? null;
      },
      (kind) => kind === 'consultation',
      20_000,
    );

    await operator1.page.getByTestId('softphone-hangup').click();
    const ended = await citizen.done;
    expect(ended.exitCode, ended.messages.slice(-3000)).toBe(0);
  });

  it('declines a caller’s REFER (603) and places no call for them', async () => {
    await operator1TakesTheNextCall();
    const gateway = startSipp({
      scenario: 'uas_answer',
      localPort: stack.gatewayPort!,
      keys: { rtp_sink_port: await freePort() },
      timeoutSeconds: 60,
    });
    peers.push(gateway);
    const citizen = startSipp({
      scenario: 'citizen_refers',
      remote: pbx.sipTarget,
      localPort: await freePort(),
      mediaPort: await freePort(),
      service: TEST_HOTLINE,
      keys: { caller: '0675550804', refer_target: '0445550804', domain: TEST_DOMAIN },
      timeoutSeconds: 60,
    });
    peers.push(citizen);
    await visible(operator1.page.getByTestId('softphone-incoming'), 15_000);
    await operator1.page.getByTestId('softphone-answer').click();
    await operator1.waitPhase('active');
    // The final answer to the REFER (CSeq 2), whatever provisional one came first.
    const answer = await eventually(
      async () =>
        [
          ...citizen
            .messagesSoFar()
            .matchAll(/^SIP\/2\.0 ([2-6]\d\d)[^\r\n]*\r?\n(?:[^\r\n]+\r?\n)*?CSeq: 2 REFER/gm),
        ].map((m) => m[1])[0],
      (status) => status !== undefined,
    );
    expect(answer).toBe('603');
    await new Promise((r) => setTimeout(r, 2_000));
    expect(gateway.messagesSoFar(), 'the gateway was asked to place a call').not.toMatch(/INVITE sip:/);
    expect(await operator1.callPhase()).toBe('active');
    await operator1.page.getByTestId('softphone-hangup').click();
    const ended = await citizen.done;
    expect(ended.exitCode, ended.messages.slice(-3000)).toBe(0);
  });
});
