// Acting on an appeal from its detail (issue 12, item 3): only the steps the role may take now,
// each checked before it is sent, what waits for the server, and refusals in the user's words.
import { screen, waitFor, within } from '@testing-library/react';
import type { Appeal } from '../../../shared/domain';
import { NEW_APPEAL_LIFECYCLE } from '../../../shared/domain/appeal';
import { storedAppeal } from '../../test/fixtures';
import { renderApp } from '../../test/renderApp';
import { daysFromToday, kyivToday, serverAs } from '../../test/roles';

const appealIn = (status: Appeal['status'], overrides: Partial<Appeal> = {}): Appeal =>
  storedAppeal({
    status,
    receivedOn: daysFromToday(-20),
    deadlineOn: daysFromToday(10),
    lifecycle: { ...NEW_APPEAL_LIFECYCLE, assignedOn: status === 'registered' ? null : daysFromToday(-2) },
    ...overrides,
  });

async function openDetail(user: Awaited<ReturnType<typeof renderApp>>['user']) {
  await user.click(screen.getByRole('button', { name: '1551-2026-000101' }));
  const dialog = await screen.findByRole('dialog', { name: 'Appeal 1551-2026-000101' });
  await within(dialog).findByTestId('lifecycle-facts');
  return dialog;
}
const actions = (dialog: HTMLElement) => within(dialog).getByRole('region', { name: 'What you can do now' });

describe('acting on an appeal', { timeout: 30_000 }, () => {
  it('assigns a registered appeal to the executor the classifier suggested, and the next one is selected', async () => {
    const appeals = [
      appealIn('registered'),
      appealIn('registered', {
        id: 'a-2',
        officialNumber: '1551-2026-000102',
        deadlineOn: daysFromToday(11),
      }),
    ];
    const { user, fake } = await renderApp({ appeals, today: kyivToday(), server: serverAs('analyst') });
    const dialog = await openDetail(user);
    await user.click(within(actions(dialog)).getByRole('button', { name: 'Assign' }));
    const form = within(dialog).getByRole('form', { name: 'Assign' });
    expect(within(form).getByRole('combobox', { name: /Executor/ })).toHaveValue('ПАТ «Київтеплоенерго»');
    expect(form).toHaveTextContent('Suggested for this category: ПАТ «Київтеплоенерго»');
    expect(within(form).queryByRole('textbox', { name: /Reason for forwarding/ })).not.toBeInTheDocument();
    await user.click(within(form).getByRole('button', { name: 'Assign' }));
    expect(fake.callsTo('appeals:act')).toEqual([
      { id: 'a-1', action: { kind: 'assign', executorId: 'e-teplo' }, baseVersion: 1 },
    ]);
    // The server decides, main announces it, and the appeal shows where it went.
    await waitFor(() => expect(within(dialog).getByTestId('lifecycle-facts')).toHaveTextContent('Assigned'));
    await user.keyboard('{Escape}');
    await waitFor(() =>
      expect(screen.getAllByTestId('worklist-row').map((r) => r.getAttribute('aria-selected'))).toEqual([
        'true',
      ]),
    );
    expect(screen.getByTestId('worklist-row')).toHaveTextContent('1551-2026-000102');
  });

  it('forwards to another executor only with a reason, and warns when it is later than five days', async () => {
    const late = appealIn('assigned', {
      lifecycle: { ...NEW_APPEAL_LIFECYCLE, assignedOn: daysFromToday(-8) },
    });
    const { user, fake } = await renderApp({
      appeals: [late],
      today: kyivToday(),
      server: serverAs('analyst'),
    });
    await user.click(screen.getByRole('tab', { name: /^Open/ }));
    const dialog = await openDetail(user);
    await user.click(within(actions(dialog)).getByRole('button', { name: 'Forward to another executor' }));
    const form = within(dialog).getByRole('form', { name: 'Forward to another executor' });
    expect(within(form).getByTestId('late-forward')).toHaveTextContent(/more than 5 days ago.*Art\. 7/);
    const submit = within(form).getByRole('button', { name: 'Forward to another executor' });
    await user.click(submit);
    expect(form).toHaveTextContent('The appeal is with this executor already: choose another one.');
    const executor = within(form).getByRole('combobox', { name: /Executor/ });
    await user.clear(executor);
    await user.type(executor, 'Київжитло');
    await user.keyboard('{Enter}');
    await user.click(submit);
    expect(form).toHaveTextContent('Say why the appeal goes to another executor.');
    expect(fake.callsTo('appeals:act')).toHaveLength(0);
    await user.type(within(form).getByRole('textbox', { name: /Reason for forwarding/ }), 'Lifts are theirs');
    await user.click(submit);
    expect(fake.callsTo('appeals:act')).toEqual([
      {
        id: 'a-1',
        action: { kind: 'assign', executorId: 'e-lift', reason: 'Lifts are theirs' },
        baseVersion: 1,
      },
    ]);
  });

  it("takes the executor's answer only with a result and its text", async () => {
    const { user, fake } = await renderApp({
      appeals: [appealIn('in_progress')],
      today: kyivToday(),
      server: serverAs('executor', 'e-teplo'),
    });
    const dialog = await openDetail(user);
    expect(within(actions(dialog)).queryByRole('button', { name: 'Assign' })).not.toBeInTheDocument();
    await user.click(within(actions(dialog)).getByRole('button', { name: 'Answer' }));
    const form = within(dialog).getByRole('form', { name: 'Answer' });
    await user.click(within(form).getByRole('button', { name: 'Answer' }));
    expect(form).toHaveTextContent('Choose a result.');
    expect(form).toHaveTextContent('Write the answer.');
    await user.selectOptions(within(form).getByRole('combobox', { name: /Result/ }), 'done');
    await user.click(within(form).getByRole('button', { name: 'Answer' }));
    expect(fake.callsTo('appeals:act')).toHaveLength(0);
    await user.type(
      within(form).getByRole('textbox', { name: /Answer to the citizen/ }),
      'Hot water is back.',
    );
    await user.click(within(form).getByRole('button', { name: 'Answer' }));
    expect(fake.callsTo('appeals:act')).toEqual([
      { id: 'a-1', action: { kind: 'answer', result: 'done', text: 'Hot water is back.' }, baseVersion: 1 },
    ]);
    await waitFor(() =>
      expect(within(dialog).getByTestId('fact-answer')).toHaveTextContent(/Done.*Hot water is back\./s),
    );
  });

  it('records the documents behind an answer as metadata (name, type, size), refusing files over 50 MB', async () => {
    const { user, fake } = await renderApp({
      appeals: [appealIn('in_progress')],
      today: kyivToday(),
      server: serverAs('executor', 'e-teplo'),
    });
    const dialog = await openDetail(user);
    await user.click(within(actions(dialog)).getByRole('button', { name: 'Answer' }));
    const form = within(dialog).getByRole('form', { name: 'Answer' });
    await user.selectOptions(within(form).getByRole('combobox', { name: /Result/ }), 'done');
    await user.type(within(form).getByRole('textbox', { name: /Answer to the citizen/ }), 'Valve replaced.');
    const act = new File(['inspection act'], 'act-17.pdf', { type: 'application/pdf' });
    const huge = new File(['x'], 'video.mp4', { type: 'video/mp4' });
    Object.defineProperty(huge, 'size', { value: 60 * 1024 * 1024 });
    await user.upload(within(form).getByLabelText('Attach documents…'), [act, huge]);
    await waitFor(() => expect(form).toHaveTextContent('Larger than 50 MB, not attached: video.mp4'));
    expect(form).toHaveTextContent('act-17.pdf · 14 B');
    await user.click(within(form).getByRole('button', { name: 'Answer' }));
    const sent = fake.callsTo('appeals:act') as { action: { attachments?: { name: string }[] } }[];
    expect(sent[0]!.action.attachments).toEqual([
      expect.objectContaining({ name: 'act-17.pdf', mimeType: 'application/pdf', size: 14 }),
    ]);
    await waitFor(() =>
      expect(within(dialog).getByTestId('fact-answer')).toHaveTextContent('Documents: act-17.pdf (14 B)'),
    );
  });

  it('refuses a deadline beyond the law’s ceiling before sending, and needs the citizen to be told', async () => {
    const { user, fake } = await renderApp({
      appeals: [appealIn('in_progress')],
      today: kyivToday(),
      server: serverAs('analyst'),
    });
    await user.click(screen.getByRole('tab', { name: /^Open/ }));
    const dialog = await openDetail(user);
    await user.click(within(actions(dialog)).getByRole('button', { name: 'Extend the deadline' }));
    const form = within(dialog).getByRole('form', { name: 'Extend the deadline' });
    const date = within(form).getByLabelText(/New deadline/);
    await user.type(date, daysFromToday(40));
    await user.type(
      within(form).getByRole('textbox', { name: /Reason for the extension/ }),
      'Parts are ordered',
    );
    await user.click(
      within(form).getByRole('checkbox', { name: 'The citizen will be told of the new deadline' }),
    );
    const submit = within(form).getByRole('button', { name: 'Extend the deadline' });
    await user.click(submit);
    expect(form).toHaveTextContent(
      /The new deadline must be after .* and no later than .* \(the law’s limit\)\./,
    );
    expect(fake.callsTo('appeals:act')).toHaveLength(0);
    await user.clear(date);
    await user.type(date, daysFromToday(20));
    await user.click(
      within(form).getByRole('checkbox', { name: 'The citizen will be told of the new deadline' }),
    );
    await user.click(submit);
    expect(form).toHaveTextContent(
      'The citizen must be told of an extension (Art. 20): confirm that they will be.',
    );
    expect(fake.callsTo('appeals:act')).toHaveLength(0);
    await user.click(
      within(form).getByRole('checkbox', { name: 'The citizen will be told of the new deadline' }),
    );
    await user.click(submit);
    expect(fake.callsTo('appeals:act')).toEqual([
      {
        id: 'a-1',
        action: {
          kind: 'extend',
          deadlineOn: daysFromToday(20),
          reason: 'Parts are ordered',
          citizenToBeTold: true,
        },
        baseVersion: 1,
      },
    ]);
    await waitFor(() =>
      expect(within(dialog).getByTestId('fact-extended')).toHaveTextContent('the citizen must be told'),
    );
  });

  it('shows a change waiting for the server, then its refusal in the user’s words until dismissed', async () => {
    const { user, fake } = await renderApp({
      appeals: [appealIn('awaiting_control_check')],
      today: kyivToday(),
      server: { ...serverAs('analyst'), reachable: false },
    });
    await user.click(screen.getByRole('tab', { name: /^To check/ }));
    const dialog = await openDetail(user);
    await user.click(within(actions(dialog)).getByRole('button', { name: 'Accept the answer' }));
    const waiting = await within(dialog).findByTestId('pending-change');
    expect(waiting).toHaveAttribute('data-state', 'waiting');
    expect(waiting).toHaveTextContent('Accept the answer: waiting for the server');
    // While it waits, nothing else is offered: the next step is decided on the server's version.
    expect(within(actions(dialog)).getByRole('button', { name: 'Return for rework' })).toBeDisabled();
    fake.settlePending({ refusal: 'not_allowed_now' });
    await waitFor(() =>
      expect(within(dialog).getByTestId('pending-change')).toHaveAttribute('data-state', 'rejected'),
    );
    expect(within(dialog).getByTestId('pending-change')).toHaveTextContent(
      'Accept the answer: refused by the server. This is not possible in the appeal’s current status.',
    );
    await user.click(
      within(within(dialog).getByTestId('pending-change')).getByRole('button', { name: 'Dismiss' }),
    );
    await waitFor(() => expect(within(dialog).queryByTestId('pending-change')).not.toBeInTheDocument());
    expect(fake.callsTo('appeals:dismissPending')).toHaveLength(1);
    expect(within(actions(dialog)).getByRole('button', { name: 'Return for rework' })).toBeEnabled();
  });

  it('says someone else changed the appeal meanwhile, and shows its current state', async () => {
    const { user, fake } = await renderApp({
      appeals: [appealIn('awaiting_control_check')],
      today: kyivToday(),
      server: serverAs('analyst'),
    });
    await user.click(screen.getByRole('tab', { name: /^To check/ }));
    const dialog = await openDetail(user);
    fake.changeElsewhere('a-1', { status: 'rework' }, { announce: false });
    await user.click(within(actions(dialog)).getByRole('button', { name: 'Return for rework' }));
    const form = within(dialog).getByRole('form', { name: 'Return for rework' });
    await user.type(within(form).getByRole('textbox', { name: /What must be redone/ }), 'Photos missing');
    await user.click(within(form).getByRole('button', { name: 'Return for rework' }));
    const refusal = await within(dialog).findByTestId('refusal');
    expect(refusal).toHaveAttribute('data-code', 'stale_version');
    expect(refusal).toHaveTextContent('“Return for rework” was not done');
    expect(refusal).toHaveTextContent(
      'Someone else changed this appeal meanwhile; the current state is shown. Check it and try again if it is still needed.',
    );
    await waitFor(() =>
      expect(within(dialog).getByTestId('lifecycle-facts')).toHaveTextContent('Rework by the executor'),
    );
    await user.click(within(refusal).getByRole('button', { name: 'Dismiss' }));
    expect(within(dialog).queryByTestId('refusal')).not.toBeInTheDocument();
  });

  it('offers nothing to the operator, and says so', async () => {
    const { user } = await renderApp({ appeals: [appealIn('assigned')], today: kyivToday() });
    await user.click(screen.getByRole('tab', { name: 'Appeals' }));
    const dialog = await openDetail(user);
    expect(actions(dialog)).toHaveTextContent('Nothing for you to do on this appeal now.');
    expect(within(actions(dialog)).queryAllByRole('button')).toHaveLength(0);
  });
});
