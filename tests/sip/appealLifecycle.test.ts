// An appeal's whole life with real parts (issue 12, "Done when"): every role in its own Chromium
// page on its own web host, all signed in to the real central server (embedded PostgreSQL), and the
// feedback operator's callback placed through the reference PBX (Kamailio + rtpengine) to a sipp
// "citizen" behind its gateway. An operator registers the appeal; the analyst assigns it; the
// executor account answers; the analyst returns it once for rework; the executor answers again; the
// analyst accepts; the feedback operator calls the citizen, who confirms, and the appeal closes; the
// citizen calls again and the operator finds it by its number, with the answer to read out.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { eventually, visible } from '../e2e/support/page';
import type { RealServer } from '../e2e/support/serverInstance';
import type { OperatorDesk } from './support/browserOperator';
import { startRtpSink, type RtpSink } from './support/rtpSink';
import { startSipp, type SippProcess } from './support/sipp';
import { startSoftphoneStack, type SoftphoneStack } from './support/softphoneStack';

const TOKEN = 'lifecycle-e2e-token-0123456789abcdef';
const APPLICANT = 'Бондаренко Ірина Василівна';
/** The citizen's phone as the operator types it; the callback dials it through the PBX gateway. */
const CITIZEN_PHONE = '044 555 77 88';
const FIRST_ANSWER = 'Бригада перевірила стояк, подачу відновлено частково.';
const SECOND_ANSWER = 'Замінено засувку на стояку, гаряча вода подається в усі квартири.';
const REWORK = 'Частина квартир досі без гарячої води: перевірте всі стояки.';

let stack: SoftphoneStack;
let server: RealServer;
const desks: OperatorDesk[] = [];
const peers: SippProcess[] = [];
let sink: RtpSink | null = null;

beforeAll(async () => {
  stack = await startSoftphoneStack({ token: TOKEN, wrapUpSeconds: 2, withGateway: true });
  server = stack.server;
}, 120_000);

afterAll(async () => {
  for (const peer of peers) peer.kill();
  await sink?.close();
  for (const desk of desks) await desk.close().catch(() => undefined);
  await stack?.close({ keepPbxLogs: false });
});

afterEach(async (context) => {
  if (context.task.result?.state !== 'fail') return;
  for (const desk of desks) {
    console.error(await desk.describe().catch((e: Error) => e.message));
    const path = `/tmp/lifecycle-${desk.username}.png`;
    await desk.page.screenshot({ path }).catch(() => undefined);
    console.error(`screenshot: ${path}`);
  }
});

async function open(username: string, home: 'intake' | 'worklists'): Promise<OperatorDesk> {
  const desk = await stack.openDesk(username);
  desks.push(desk);
  await desk.signIn({ home });
  return desk;
}

/** The appeal's status and version on the server, read as the test's own witness. */
async function onServer(number: string): Promise<{ status: string; version: number; id: string }> {
  const { rows } = await server.pool.query<{ status: string; version: number; id: string }>(
    'SELECT id::text, status, version FROM appeals WHERE official_number = $1 OR provisional_number = $1',
    [number],
  );
  if (rows.length !== 1) throw new Error(`expected one appeal ${number} on the server, found ${rows.length}`);
  return rows[0]!;
}

async function waitStatus(number: string, status: string): Promise<void> {
  await eventually(
    () => onServer(number).catch(() => null),
    (a) => a?.status === status,
    20_000,
  );
}

/** Opens the work list `list` and the appeal of `applicant` in it (the list refreshes itself). */
async function openFromList(page: Page, list: string, applicant: string): Promise<void> {
  await page.getByRole('tab', { name: new RegExp(`^${list}`) }).click();
  const row = page.getByTestId('worklist-row').filter({ hasText: applicant });
  await visible(row, 20_000);
  // A click opens the appeal (in the callback list: shows it beside the list with its script).
  await row.click();
}

async function act(
  page: Page,
  action: string,
  fill?: (form: ReturnType<Page['getByRole']>) => Promise<void>,
) {
  const actions = page.getByRole('region', { name: 'What you can do now' }).last();
  await (await visible(actions.getByRole('button', { name: action, exact: true }))).click();
  if (!fill) return;
  const form = page.getByRole('form', { name: action });
  await fill(form);
  await form.getByRole('button', { name: action, exact: true }).click();
}

async function closeDetail(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
}

describe('an appeal from registration to the citizen’s confirmation', () => {
  it('goes through every role and closes only after the citizen confirms', async () => {
    // The operator registers it (the category's executor is Kyivenergo: executor1's organisation).
    const operator = await open('operator1', 'intake');
    const provisional = await operator.registerAppeal({ fullName: APPLICANT, phone: CITIZEN_PHONE });
    await waitStatus(provisional, 'registered');
    const { id } = await onServer(provisional);
    const official = await eventually(
      async () =>
        (
          await server.pool.query<{ n: string | null }>(
            'SELECT official_number AS n FROM appeals WHERE id = $1',
            [id],
          )
        ).rows[0]?.n ?? null,
      (n) => n !== null,
    );

    // The analyst assigns it to the suggested executor.
    const analyst = await open('analyst', 'worklists');
    await openFromList(analyst.page, 'To assign', APPLICANT);
    await act(analyst.page, 'Assign', async () => undefined);
    await waitStatus(official!, 'assigned');
    await closeDetail(analyst.page);

    // The executor takes it into work and answers.
    const executor = await open('executor1', 'worklists');
    await openFromList(executor.page, 'Inbox', APPLICANT);
    await act(executor.page, 'Take into work');
    await waitStatus(official!, 'in_progress');
    await act(executor.page, 'Answer', async (form) => {
      await form.getByLabel('Result').selectOption('done');
      await form.getByRole('textbox', { name: 'Answer to the citizen' }).fill(FIRST_ANSWER);
    });
    await waitStatus(official!, 'awaiting_control_check');
    await closeDetail(executor.page);

    // The analyst returns it once for rework.
    await openFromList(analyst.page, 'To check', APPLICANT);
    await act(analyst.page, 'Return for rework', async (form) => {
      await form.getByRole('textbox', { name: 'What must be redone' }).fill(REWORK);
    });
    await waitStatus(official!, 'rework');
    await closeDetail(analyst.page);

    // The executor answers again.
    await openFromList(executor.page, 'Inbox', APPLICANT);
    await act(executor.page, 'Answer', async (form) => {
      await form.getByLabel('Result').selectOption('done');
      await form.getByRole('textbox', { name: 'Answer to the citizen' }).fill(SECOND_ANSWER);
    });
    await waitStatus(official!, 'awaiting_control_check');
    await closeDetail(executor.page);

    // The analyst accepts: now the citizen is asked.
    await openFromList(analyst.page, 'To check', APPLICANT);
    await act(analyst.page, 'Accept the answer');
    await waitStatus(official!, 'awaiting_applicant_check');
    await closeDetail(analyst.page);

    // The feedback operator calls the citizen (sipp behind the PBX's gateway), who confirms.
    const feedback = await open('feedback', 'worklists');
    await feedback.waitRegistered();
    await openFromList(feedback.page, 'To call back', APPLICANT);
    const panel = feedback.page.getByTestId('callback-panel');
    await visible(panel.getByText(SECOND_ANSWER).first());
    sink = await startRtpSink();
    const citizen = startSipp({
      scenario: 'uas_answer',
      localPort: stack.gatewayPort!,
      keys: { rtp_sink_port: sink.port },
      timeoutSeconds: 40,
    });
    peers.push(citizen);
    await panel.getByTestId('click-to-call').first().click();
    await feedback.waitPhase('active');
    await eventually(
      async () => sink!.total(),
      (n) => n > 20,
    );
    await feedback.page.getByTestId('softphone-hangup').click();
    await feedback.waitPhase('ended');
    expect((await citizen.done).exitCode).toBe(0);
    await panel.getByRole('button', { name: /Confirmed/ }).click();
    await waitStatus(official!, 'closed');

    const history = await server.pool.query<{ kind: string }>(
      'SELECT kind FROM appeal_history WHERE appeal_id = $1 ORDER BY id',
      [id],
    );
    // created, assign, start, answer, return, answer, accept, callback
    expect(history.rows.map((r) => r.kind)).toEqual([
      'created',
      'transition',
      'transition',
      'transition',
      'transition',
      'transition',
      'transition',
      'transition',
    ]);
    const closed = await onServer(official!);
    expect(closed.version).toBe(8);

    // The citizen calls again: the operator finds the appeal by the number they read out (typed
    // the way people do, lower case with spaced dashes) and reads the status and the answer.
    await operator.page.getByRole('tab', { name: 'New appeal' }).click();
    const lookup = await visible(operator.page.getByLabel('Find by appeal number'));
    await lookup.fill(official!.toLowerCase().replaceAll('-', ' - '));
    const found = operator.page.getByRole('list', { name: 'Appeal with this number' });
    await visible(found.getByText(SECOND_ANSWER, { exact: false }).first(), 20_000);
    await visible(found.getByText('Closed', { exact: false }).first());
  }, 300_000);
});
