// The softphone end to end with real peers (issue 4): a citizen (sipp on UDP) dials the hotline,
// the reference PBX (Kamailio + rtpengine) asks the REAL central server which operator is free, and
// the operator's workstation (the real web host signed in to that server, its renderer in Debian
// Chromium) rings with the caller's earlier appeals, answers with audio proven by getStats, holds,
// registers an appeal that the call record links to, and hangs up. Also: an outbound call through
// the PBX's gateway, a blind transfer to a second operator (baresip as the citizen, which follows
// REFER), 486 when nobody is available, and a PBX restart the softphone recovers from.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { pbxFiles } from '../../deploy/pbx/pbxConfig';
import { eventually, visible } from '../e2e/support/page';
import type { RealServer } from '../e2e/support/serverInstance';
import { startBaresipCitizen, type BaresipCitizen } from './support/baresipCitizen';
import type { OperatorDesk } from './support/browserOperator';
import { freePort } from './support/ports';
import { startRtpSink, type RtpSink } from './support/rtpSink';
import { runSipp, startSipp, type Scenario, type SippProcess } from './support/sipp';
import { startSoftphoneStack, type SoftphoneStack } from './support/softphoneStack';
import { TEST_DOMAIN, TEST_HOTLINE, type TestPbx } from './support/testPbx';

const TOKEN = 'softphone-e2e-token-0123456789abcdef';
/** How long a caller finding nobody free waits in the hotline's queue before hearing busy. */
const QUEUE_MAX_WAIT_SECONDS = 4;
const SCREENSHOT = '/tmp/softphone-call.png';
/** The citizen's caller id and the same number as an operator types it into an appeal. */
const CITIZEN = { callerId: '0675551234', typed: '067 555 12 34' };
const EARLIER_APPLICANT = 'Шевченко Оксана Петрівна';
const DURING_CALL_APPLICANT = 'Коваленко Марія Іванівна';

let stack: SoftphoneStack;
let server: RealServer;
let pbx: TestPbx;
let gatewayPort: number;
let operator1: OperatorDesk;
let operator2: OperatorDesk | null = null;
const peers: { kill(): void }[] = [];
/** sipp citizens of the current test, for the failure report. */
const citizens: SippProcess[] = [];
let anyFailed = false;

beforeAll(async () => {
  // A short wrap-up, so the operator is available for the next call soon after hanging up.
  stack = await startSoftphoneStack({
    token: TOKEN,
    wrapUpSeconds: 2,
    withGateway: true,
    // A caller who finds nobody free waits in the queue this long, then hears busy.
    serverEnv: { QUEUE_MAX_WAIT_SECONDS: String(QUEUE_MAX_WAIT_SECONDS) },
  });
  ({ server, pbx } = stack);
  gatewayPort = stack.gatewayPort!;
  operator1 = await stack.openDesk('operator1');
}, 120_000);

afterAll(async () => {
  for (const peer of peers) peer.kill();
  await operator2?.close().catch(() => undefined);
  await operator1?.close().catch(() => undefined);
  // After a failure the PBX's logs (Kamailio, rtpengine) stay for a closer look.
  await stack?.close({ keepPbxLogs: anyFailed });
});

// Every failure says where things stood: both softphones and the PBX's last words.
afterEach(async (context) => {
  const ownCitizens = citizens.splice(0);
  if (context.task.result?.state !== 'fail') return;
  anyFailed = true;
  const desks = [operator1, operator2].filter((d): d is OperatorDesk => d !== null);
  const states = await Promise.all(desks.map((d) => d.describe().catch((e: Error) => e.message)));
  console.error(`--- softphone state ---\n${states.join('\n')}\n--- kamailio log ---\n${kamailioCallLog()}`);
  // Leave no call behind for the next test: reject or hang up whatever is still up.
  for (const desk of desks) await desk.dropAnyCall().catch(() => undefined);
  // A citizen still on the line: stop it and show the SIP it exchanged.
  for (const citizen of ownCitizens) {
    citizen.kill();
    const result = await Promise.race([
      citizen.done,
      new Promise<null>((r) => setTimeout(() => r(null), 3_000)),
    ]);
    if (result)
      console.error(`--- citizen sipp (exit ${result.exitCode}) ---\n${result.messages.slice(-4000)}`);
  }
});

/** Kamailio's log without its start-up chatter (TLS domain dumps repeat at every start). */
function kamailioCallLog(): string {
  if (!pbx) return '(no PBX)';
  let text: string;
  try {
    text = readFileSync(pbxFiles(pbx.options.dataDir).kamailioLog, 'utf8');
  } catch {
    return '(no kamailio log)';
  }
  const startUp = /\btls \[|cfg_set_now|probe_max_receive_buffer|mod_init\(\)|main\(\): processes/;
  return text
    .split('\n')
    .filter((line) => line.trim() !== '' && !startUp.test(line))
    .slice(-40)
    .join('\n');
}

/**
 * Waits for the incoming-call card, failing at once with sipp's own account when the citizen's
 * sipp ends first (a refused call, or a scenario sipp rejected).
 */
async function ringsFrom(desk: OperatorDesk, citizen: SippProcess): Promise<void> {
  let rang = false;
  const endedFirst = new Promise<never>((_resolve, reject) => {
    void citizen.done.then((r) => {
      if (!rang)
        reject(
          new Error(
            `the citizen's sipp ended (exit ${r.exitCode}, statuses ${r.receivedStatuses.join(',')}) ` +
              `before ${desk.username} rang:\n${r.stderr}\n${r.messages.slice(-2000)}`,
          ),
        );
    });
  });
  await Promise.race([visible(desk.page.getByTestId('softphone-incoming'), 15_000), endedFirst]);
  rang = true;
}

async function startCitizen(callerId: string): Promise<SippProcess> {
  const citizen = startSipp({
    scenario: 'citizen_stays',
    remote: pbx.sipTarget,
    localPort: await freePort(),
    mediaPort: await freePort(),
    service: TEST_HOTLINE,
    keys: { caller: callerId },
    timeoutSeconds: 60,
  });
  citizens.push(citizen);
  peers.push(citizen);
  return citizen;
}

interface CallRecordView {
  id: string;
  localNumber: string;
  sipCallId: string;
  ringAt: string;
  direction: string;
  result: string | null;
  remoteNumber: string;
  appealIds: string[];
  transferTarget: string | null;
}

async function callRecords(desk: OperatorDesk): Promise<CallRecordView[]> {
  const reply = await desk.api<{ items: CallRecordView[] }>('calls:list', { limit: 50, cursor: null });
  if (!reply.ok) throw new Error(`calls:list failed: ${JSON.stringify(reply.error)}`);
  return reply.value.items;
}

/** The Call-ID of the citizen's dialog, as sipp logged it (the PBX keeps it on the operator's leg). */
function sipCallIdOf(messages: string): string | null {
  return /^Call-ID:\s*(\S+)/im.exec(messages)?.[1] ?? null;
}

interface AppealView {
  id: string;
  operatorId: string;
  createdAt: string;
  provisionalNumber: string;
  officialNumber: string | null;
}

/** The one appeal this workstation holds for the applicant, with who created it and when. */
async function appealRegisteredAs(fullName: string): Promise<AppealView> {
  const list = await operator1.api<{ items: { id: string }[] }>('appeals:list', { text: fullName });
  if (!list.ok) throw new Error(`appeals:list failed: ${JSON.stringify(list.error)}`);
  expect(list.value.items, `appeals of ${fullName}`).toHaveLength(1);
  const appeal = await operator1.api<AppealView>('appeals:get', {
    id: list.value.items[0]!.id,
  });
  if (!appeal.ok) throw new Error(`appeals:get failed: ${JSON.stringify(appeal.error)}`);
  return appeal.value;
}

async function serverCall(id: string): Promise<{ result: string | null; appealIds: string[] } | null> {
  const { rows } = await server.pool.query<{ result: string | null; record: { appealIds: string[] } }>(
    'SELECT result, record FROM calls WHERE id = $1',
    [id],
  );
  return rows[0] ? { result: rows[0].result, appealIds: rows[0].record.appealIds } : null;
}

describe('the softphone with real SIP peers', () => {
  it('signs operator1 in, registers the line with the server-issued account and goes available', async () => {
    await operator1.signIn();
    await operator1.waitRegistered();
    expect(await operator1.registration().innerText()).toContain('registered');
    // An earlier appeal from the citizen, for the screen pop to find.
    await operator1.registerAppeal({ fullName: EARLIER_APPLICANT, phone: CITIZEN.typed });
    await operator1.goAvailable();
  });

  it('rings operator1 on a hotline call with the caller’s earlier appeals, and audio flows after answer', async () => {
    const citizen = await startCitizen(CITIZEN.callerId);
    const page = operator1.page;
    await ringsFrom(operator1, citizen);
    expect(await operator1.agentState()).toBe('ringing');
    const pop = await visible(page.getByTestId('softphone-screen-pop'));
    // Provisional or official number: sync may replace one with the other while the phone rings.
    await eventually(
      async () => {
        const earlier = await appealRegisteredAs(EARLIER_APPLICANT);
        const rows = await pop.getByTestId('caller-appeal').allInnerTexts();
        const numbers = [earlier.provisionalNumber, earlier.officialNumber ?? earlier.provisionalNumber];
        return rows.some((row) => numbers.some((n) => row.includes(n)));
      },
      (shown) => shown,
    );

    await page.getByTestId('softphone-answer').click();
    await operator1.waitPhase('active');
    const stats = await operator1.waitAudio();
    expect(stats.dtlsState).toBe('connected');
    expect(await operator1.agentState()).toBe('on_call');
    await eventually(
      () => page.getByTestId('softphone-timer').innerText(),
      // The call timer runs: mm:ss past zero.
      (t) => /\d\d:\d\d/.test(t) && !t.includes('00:00'),
      3_000,
    );
    await page.screenshot({ path: SCREENSHOT });

    // Hold and resume are re-INVITEs through the PBX; the citizen plays again after the resume.
    await page.getByTestId('softphone-hold').click();
    await operator1.waitPhase('held');
    await page.getByTestId('softphone-hold').click();
    await operator1.waitPhase('active');
    await operator1.waitAudio(await operator1.stats());
    const mute = page.getByTestId('softphone-mute');
    await mute.click();
    await eventually(
      () => mute.getAttribute('aria-pressed'),
      (v) => v === 'true',
    );
    await mute.click();
    await eventually(
      () => mute.getAttribute('aria-pressed'),
      (v) => v === 'false',
    );

    // The intake opened with the caller's number when the call was answered.
    const during = await operator1.registerAppeal({ fullName: DURING_CALL_APPLICANT });
    const appeal = await appealRegisteredAs(DURING_CALL_APPLICANT);
    await page.getByTestId('softphone-hangup').click();
    await operator1.waitPhase('ended');
    const ended = await citizen.done;
    expect(ended.exitCode, `sipp citizen: ${ended.stderr}\n${ended.messages.slice(-3000)}`).toBe(0);
    // Hold and resume reached the citizen as re-INVITEs: sendonly (answered inactive), then sendrecv.
    expect(ended.messages).toMatch(/a=sendonly[\s\S]*a=inactive[\s\S]*a=sendrecv/);

    const record = (await callRecords(operator1)).find((c) => c.sipCallId === sipCallIdOf(ended.messages));
    expect(record, 'no call record with the citizen’s Call-ID').toBeDefined();
    expect(record!.result).toBe('answered');
    expect(record!.remoteNumber).toBe(CITIZEN.callerId);
    // The number the citizen dialled (the To of the call), not the softphone's random contact user.
    expect.soft(record!.localNumber).toBe(TEST_HOTLINE);
    const info = await operator1.api<{ operatorId: string }>('app:info', {});
    const linked = await eventually(
      async () => (await callRecords(operator1)).find((c) => c.id === record!.id)?.appealIds ?? [],
      (ids) => ids.includes(appeal.id),
    ).catch((error: Error) => {
      throw new Error(
        `the call record is not linked to appeal ${during}: ${error.message}\n` +
          `appeal operatorId=${appeal.operatorId} createdAt=${appeal.createdAt}; ` +
          `app:info operatorId=${info.ok ? info.value.operatorId : JSON.stringify(info.error)}; ` +
          `call ringAt=${record!.ringAt}`,
      );
    });
    expect(linked).toEqual([appeal.id]);
    // The record reaches the server by sync, linked to the same appeal.
    const onServer = await eventually(
      () => serverCall(record!.id),
      (c) => c !== null && c.result === 'answered' && c.appealIds.includes(appeal.id),
      20_000,
    );
    expect(onServer!.appealIds).toEqual([appeal.id]);
  });

  /**
   * operator1 dials `number`, which the PBX sends to its gateway: a sipp phone playing `scenario`
   * there, its RTP going into a sink. `body` runs during the call; operator1 hangs up after it,
   * whatever happens, and the phone must have ended its scenario cleanly.
   */
  async function withOutsideCall(
    number: string,
    scenario: Scenario,
    body: (sink: RtpSink, page: Page) => Promise<void>,
  ): Promise<void> {
    await operator1.waitAgentState('available');
    const sink = await startRtpSink();
    const phone = startSipp({
      scenario,
      localPort: gatewayPort,
      keys: { rtp_sink_port: sink.port },
      timeoutSeconds: 30,
    });
    peers.push(phone);
    const page = operator1.page;
    try {
      await page.getByTestId('softphone-dial-input').fill(number);
      await page.getByTestId('softphone-dial').click();
      await operator1.waitPhase('active');
      try {
        await body(sink, page);
      } finally {
        await page.keyboard.press('Escape');
        await page.getByTestId('softphone-hangup').click();
        await operator1.waitPhase('ended');
      }
      const ended = await phone.done;
      expect(ended.exitCode, `sipp gateway: ${ended.stderr}`).toBe(0);
    } finally {
      await sink.close();
    }
  }

  it('calls a number outside through the PBX gateway, with the operator’s audio reaching it', async () => {
    await withOutsideCall('0445551234', 'uas_answer', async (sink) => {
      await eventually(
        async () => sink.total(),
        (n) => n > 20,
      );
    });
    const record = await eventually(
      async () => (await callRecords(operator1)).find((c) => c.direction === 'outbound'),
      (c) => c !== undefined && c.result !== null,
    );
    expect(record!.remoteNumber).toBe('0445551234');
    expect(record!.result).toBe('answered');
  });

  it('keys DTMF tones into an outside call, and they reach the far end as RFC 4733 events', async () => {
    await withOutsideCall('0445551235', 'uas_answer_dtmf', async (sink, page) => {
      await page.getByRole('button', { name: 'Keypad' }).click();
      const keypad = page.getByTestId('softphone-keypad');
      // A voice menu on the far end: "press 1, then your district code".
      for (const tone of ['1', '4', '#']) {
        await keypad.getByRole('button', { name: tone, exact: true }).click();
        await page.waitForTimeout(250);
      }
      const tones = await eventually(
        async () => sink.dtmfTones(),
        (received) => received.length >= 3,
      );
      expect(tones).toBe('14#');
    });
  });

  it(`queues the citizen while no operator is available, then answers 486 after ${QUEUE_MAX_WAIT_SECONDS} s`, async () => {
    await operator1.waitAgentState('available');
    await operator1.goOnBreak('lunch');
    const call = await runSipp({
      scenario: 'uac_call',
      remote: pbx.sipTarget,
      localPort: await freePort(),
      mediaPort: await freePort(),
      service: TEST_HOTLINE,
      keys: { caller: '0000000003' },
      timeoutSeconds: 15,
    });
    expect(call.exitCode, call.stderr).toBe(0);
    // Ringback while queued, then busy: nobody came back from the break within the queue's max wait.
    expect(call.receivedStatuses).toContain(180);
    expect(call.receivedStatuses.at(-1)).toBe(486);
    expect(await operator1.page.getByTestId('softphone-incoming').count()).toBe(0);
    await operator1.goAvailable();
  });

  it('transfers a citizen’s call to operator2, who hears them', async () => {
    operator2 = await stack.openDesk('operator2');
    await operator2.signIn();
    await operator2.waitRegistered();
    // operator1 has been available longer: the hotline call goes to them first.
    await operator2.goAvailable();

    const citizen: BaresipCitizen = await startBaresipCitizen({
      pbxTarget: pbx.sipTarget,
      callerId: '0675550002',
      domain: TEST_DOMAIN,
    });
    peers.push(citizen);
    try {
      await citizen.dial(TEST_HOTLINE);
      await visible(operator1.page.getByTestId('softphone-incoming'), 15_000);
      await operator1.page.getByTestId('softphone-answer').click();
      await operator1.waitPhase('active');
      await operator1.waitAudio();

      await operator1.page.getByTestId('softphone-transfer').click();
      const dialog = await visible(operator1.page.getByTestId('softphone-transfer-dialog'));
      await dialog.getByRole('textbox').fill('operator2');
      await dialog.getByRole('button', { name: 'Transfer', exact: true }).click();

      await visible(operator2.page.getByTestId('softphone-incoming'), 15_000);
      await operator2.page.getByTestId('softphone-answer').click();
      await operator2.waitPhase('active');
      await operator2.waitAudio();
      // The citizen followed the REFER; operator1's leg ended as a transfer.
      const events = citizen.events();
      expect(events.map((e) => e.type)).toContain('TRANSFER');
      expect(
        events.some((e) => e.type === 'CALL_ESTABLISHED' && e.peeruri?.startsWith('sip:operator2@')),
        JSON.stringify(events),
      ).toBe(true);
      const transferred = await eventually(
        async () => (await callRecords(operator1)).find((c) => c.remoteNumber === '0675550002'),
        (c) => c?.result === 'transferred',
      );
      expect(transferred!.transferTarget).toContain('operator2');
      await operator1.waitAgentState('available');
      await operator2.page.getByTestId('softphone-hangup').click();
      await operator2.waitPhase('ended');
    } catch (error) {
      throw new Error(`${(error as Error).message}\n--- baresip ---\n${citizen.output().slice(-3000)}`, {
        cause: error,
      });
    } finally {
      citizen.kill();
    }
  });

  it('re-registers after a PBX restart and takes the next hotline call', async () => {
    if (operator2) await operator2.goOnBreak('meeting');
    await operator1.waitAgentState('available');
    // What the registration chip said, and when (ms after the restart began).
    const timeline: string[] = [];
    const restartedAt = Date.now();
    const watching = (async () => {
      for (let i = 0; i < 800; i += 1) {
        const text = await operator1
          .registration()
          .innerText({ timeout: 1_000 })
          .catch(() => '');
        if (text && text !== timeline.at(-1)?.split(' @')[0])
          timeline.push(`${text} @${Date.now() - restartedAt}`);
        if (timeline.some((t) => t.includes('reconnecting')) && text.endsWith('registered')) return;
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    await pbx.restart();
    console.info(`PBX restarted in ${Date.now() - restartedAt} ms`);
    await watching;
    // Chromium in a loopback-only namespace reports navigator.onLine = false, and the softphone's
    // reconnect loop then waits its offline delay (30 s) instead of 1 s: say which one applied.
    const online = await operator1.page.evaluate(() => navigator.onLine);
    console.info(`registration during the PBX restart (navigator.onLine=${online}): ${timeline.join(' | ')}`);
    expect(
      timeline.some((t) => t.includes('reconnecting')),
      timeline.join('\n'),
    ).toBe(true);
    await operator1.waitRegistered(5_000);
    // The server's live state may lag the new registration by one publish.
    await operator1.waitAgentState('available');

    const citizen = await startCitizen(CITIZEN.callerId);
    await ringsFrom(operator1, citizen);
    await operator1.page.getByTestId('softphone-answer').click();
    await operator1.waitPhase('active');
    await operator1.waitAudio();
    await operator1.page.getByTestId('softphone-hangup').click();
    const ended = await citizen.done;
    expect(ended.exitCode, ended.stderr).toBe(0);
  });
});
