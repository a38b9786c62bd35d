import { act, screen, waitFor, within } from '@testing-library/react';
import { uuidv7 } from '../../../shared/domain';
import type { AppealDraftInput } from '../../../shared/domain';
import type { CallRecord } from '../../../shared/softphone';
import { createFakeSoftphone } from '../../softphone/test/fakeSoftphone';
import { storedAppeal } from '../../test/fixtures';
import { renderSoftphoneApp, sipConfig } from './test/renderSoftphoneApp';

const registered = { type: 'registration', registration: { state: 'registered' } } as const;
const caller = { number: '0671234567', name: 'Petro' };

const lastRecord = (records: CallRecord[], id: string) => records.find((r) => r.id === id);
const agentSets = (calls: unknown[]) => calls.map((c) => (c as { state: { state: string } }).state.state);

describe('softphone pane', { timeout: 20_000 }, () => {
  it('registers with the issued credentials and shows each line state honestly', async () => {
    const { phone } = await renderSoftphoneApp();
    const chip = screen.getByTestId('softphone-registration');
    await waitFor(() => expect(phone.registeredWith?.username).toBe('op1'));
    expect(chip).toHaveTextContent('connecting');
    act(() => phone.emit(registered));
    expect(chip).toHaveTextContent('Phone line: registered');
    act(() =>
      phone.emit({
        type: 'registration',
        registration: { state: 'reconnecting', attempt: 2, nextTryAt: null },
      }),
    );
    expect(chip).toHaveTextContent('connection lost, reconnecting (attempt 2)');
    act(() => phone.emit(registered));
    expect(chip).toHaveTextContent('registered');
    act(() =>
      phone.emit({ type: 'registration', registration: { state: 'failed', reason: '403 Forbidden' } }),
    );
    expect(chip).toHaveTextContent('registration failed: 403 Forbidden');
  });

  it('rings with the caller’s history, answers by keyboard into a pre-filled form, holds, mutes, hangs up into wrap-up and saves the linked record', async () => {
    const { fake, phone, user } = await renderSoftphoneApp({ appeals: [storedAppeal()] });
    await waitFor(() => expect(phone.registeredWith).not.toBeNull());
    act(() => phone.emit(registered));
    const callId = uuidv7();
    act(() => phone.ring(callId, caller, 'abc@pbx'));

    const card = await screen.findByTestId('softphone-incoming');
    expect(within(card).getByTestId('softphone-caller-number')).toHaveTextContent('+380 67 123 45 67');
    const pop = await within(card).findByTestId('softphone-screen-pop');
    expect(within(pop).getAllByText(/1551-2026-000101/).length).toBeGreaterThan(0);
    expect(pop).toHaveTextContent('Open appeals at');
    expect(fake.callsTo('lookup:caller')).toEqual([{ phone: '+380671234567', limit: 20 }]);
    await waitFor(() => expect(agentSets(fake.callsTo('agent:set'))).toContain('ringing'));
    // The agent state names the SIP Call-ID, the one the PBX's reservation on the server names.
    expect(fake.callsTo('agent:set')).toContainEqual({
      state: { state: 'ringing', callId: 'abc@pbx' },
      sipRegistered: true,
    });
    await waitFor(() => expect(lastRecord(fake.callRecords, callId)?.result).toBeNull());

    await user.click(screen.getByRole('textbox', { name: 'Full name' }));
    await user.keyboard('{Control>}{Enter}{/Control}');
    expect(phone.commandNames()).toContain('answer');
    expect(await screen.findByTestId('softphone-call-state')).toHaveTextContent('On a call');
    expect(screen.queryByTestId('softphone-incoming')).not.toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Phone' })).toHaveValue('+380 67 123 45 67');
    expect(screen.getByTestId('softphone-timer')).toHaveTextContent(/^00:0\d$/);
    await waitFor(() =>
      expect(fake.callsTo('agent:set')).toContainEqual({
        state: { state: 'on_call', callId: 'abc@pbx' },
        sipRegistered: true,
      }),
    );

    await user.click(screen.getByTestId('softphone-hold'));
    expect(screen.getByTestId('softphone-call-state')).toHaveTextContent('On hold');
    expect(phone.commands).toContainEqual({ name: 'setHold', args: [callId, true] });
    await user.click(screen.getByTestId('softphone-hold'));
    expect(screen.getByTestId('softphone-call-state')).toHaveTextContent('On a call');
    await user.click(screen.getByTestId('softphone-mute'));
    expect(screen.getByTestId('softphone-mute')).toHaveAttribute('aria-pressed', 'true');

    // The operator registers an appeal during the call; main announces it.
    const base = storedAppeal();
    const draft: AppealDraftInput = {
      type: base.type,
      channel: base.channel,
      applicant: base.applicant,
      benefit: base.benefit,
      categoryId: base.categoryId,
      executorId: base.executorId,
      essence: 'Radiator leaks',
      consentToPublish: false,
    };
    const created = await act(() => fake.api.appeals.create(draft));
    if (!created.ok) throw new Error(created.error.message);
    await waitFor(() => expect(lastRecord(fake.callRecords, callId)?.appealIds).toEqual([created.value.id]));

    await user.click(screen.getByTestId('softphone-hangup'));
    expect(screen.getByTestId('softphone-call-state')).toHaveTextContent('Call ended: answered');
    await waitFor(() =>
      expect(screen.getByTestId('agent-state')).toHaveTextContent(/Wrap-up, (29|30) s left/),
    );
    const record = lastRecord(fake.callRecords, callId)!;
    expect(record).toMatchObject({
      direction: 'inbound',
      sipCallId: 'abc@pbx',
      remoteNumber: '0671234567',
      remoteName: 'Petro',
      result: 'answered',
      appealIds: [created.value.id],
      operatorId: 'operator-1',
    });
    expect(Date.parse(record.ringAt)).toBeLessThanOrEqual(Date.parse(record.answeredAt!));
    expect(Date.parse(record.answeredAt!)).toBeLessThanOrEqual(Date.parse(record.endedAt!));

    // Main's timer ends wrap-up: the pane is ready for the next call.
    act(() =>
      fake.emit('agent:changed', {
        state: { state: 'available' },
        since: new Date().toISOString(),
        published: true,
        wrapUpSeconds: 30,
      }),
    );
    await waitFor(() => expect(screen.getByTestId('softphone-call-state')).toHaveTextContent('No call'));
  });

  it('keeps a draft the operator already typed when the next call is answered', async () => {
    const { phone, user } = await renderSoftphoneApp();
    await user.type(screen.getByRole('textbox', { name: 'Full name' }), 'Ivan Franko');
    act(() => phone.ring(uuidv7(), caller));
    await user.click(await screen.findByTestId('softphone-answer'));
    expect(await screen.findByTestId('softphone-hangup')).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Full name' })).toHaveValue('Ivan Franko');
    expect(screen.getByRole('textbox', { name: 'Phone' })).toHaveValue('');
  });

  it('takes a colleague’s consultation without starting an appeal, and frees the agent at its end with no wrap-up', async () => {
    const { fake, phone, user } = await renderSoftphoneApp();
    act(() => phone.emit(registered));
    const callId = uuidv7();
    const colleague = { number: 'operator1', name: 'Olena' };
    act(() =>
      phone.emit({
        type: 'incoming',
        callId,
        sipCallId: 'consult@pbx',
        remote: colleague,
        localNumber: 'operator2',
        consultation: true,
      }),
    );
    await user.click(await screen.findByTestId('softphone-answer'));
    expect(await screen.findByTestId('softphone-call-state')).toHaveTextContent('On a call');
    await waitFor(() => expect(lastRecord(fake.callRecords, callId)?.answeredAt).not.toBeNull());
    expect(lastRecord(fake.callRecords, callId)?.kind).toBe('consultation');
    // No new appeal for a colleague: the form keeps no caller's number.
    expect(screen.getByRole('textbox', { name: 'Phone' })).toHaveValue('');

    act(() => phone.remoteEnded(callId, 'hangup_remote'));
    await waitFor(() => expect(lastRecord(fake.callRecords, callId)?.result).toBe('answered'));
    await waitFor(() => expect(agentSets(fake.callsTo('agent:set')).at(-1)).toBe('available'));
    expect(agentSets(fake.callsTo('agent:set'))).not.toContain('wrap_up');
  });

  it('lets the citizen handed over by an attended transfer take the consultation’s place, with a record of their own', async () => {
    const { fake, phone, user } = await renderSoftphoneApp();
    act(() => phone.emit(registered));
    const consultId = uuidv7();
    act(() =>
      phone.emit({
        type: 'incoming',
        callId: consultId,
        sipCallId: 'consult@pbx',
        remote: { number: 'operator1', name: null },
        localNumber: 'operator2',
        consultation: true,
      }),
    );
    await user.click(await screen.findByTestId('softphone-answer'));
    await waitFor(() => expect(lastRecord(fake.callRecords, consultId)?.answeredAt).not.toBeNull());

    const citizenId = uuidv7();
    act(() =>
      phone.emit({
        type: 'replaced',
        replacedCallId: consultId,
        callId: citizenId,
        sipCallId: 'xfer@pbx',
        remote: caller,
        localNumber: 'operator2',
      }),
    );
    act(() => phone.emit({ type: 'established', callId: citizenId }));
    await waitFor(() =>
      expect(lastRecord(fake.callRecords, consultId)).toMatchObject({
        kind: 'consultation',
        result: 'answered',
      }),
    );
    await waitFor(() =>
      expect(lastRecord(fake.callRecords, citizenId)).toMatchObject({
        kind: 'citizen',
        direction: 'inbound',
        remoteNumber: '0671234567',
        sipCallId: 'xfer@pbx',
        result: null,
      }),
    );
    expect(lastRecord(fake.callRecords, citizenId)?.answeredAt).not.toBeNull();
    // The agent goes from the consultation straight to the citizen's call, and the form has their number.
    await waitFor(() =>
      expect(fake.callsTo('agent:set')).toContainEqual({
        state: { state: 'on_call', callId: 'xfer@pbx' },
        sipRegistered: true,
      }),
    );
    expect(agentSets(fake.callsTo('agent:set'))).not.toContain('wrap_up');
    expect(screen.getByRole('textbox', { name: 'Phone' })).toHaveValue('+380 67 123 45 67');
  });

  it('rejects a ringing call with the button, records it as rejected and frees the agent', async () => {
    const { fake, phone, user } = await renderSoftphoneApp();
    act(() => phone.emit(registered));
    const callId = uuidv7();
    act(() => phone.ring(callId, caller));
    await user.click(await screen.findByTestId('softphone-reject'));
    expect(phone.commands).toContainEqual({ name: 'reject', args: [callId] });
    await waitFor(() => expect(lastRecord(fake.callRecords, callId)?.result).toBe('rejected'));
    await waitFor(() => expect(agentSets(fake.callsTo('agent:set')).at(-1)).toBe('available'));
    expect(screen.queryByTestId('softphone-incoming')).not.toBeInTheDocument();
  });

  it('records a call the caller gave up on as missed', async () => {
    const { fake, phone } = await renderSoftphoneApp();
    const callId = uuidv7();
    act(() => phone.ring(callId, caller));
    await screen.findByTestId('softphone-incoming');
    act(() => phone.remoteEnded(callId, 'cancelled'));
    await waitFor(() => expect(lastRecord(fake.callRecords, callId)?.result).toBe('missed'));
    expect(lastRecord(fake.callRecords, callId)?.answeredAt).toBeNull();
    expect(screen.queryByTestId('softphone-incoming')).not.toBeInTheDocument();
    // The pane says what happened for a moment; the next caller takes its place at once.
    expect(screen.getByTestId('softphone-call-state')).toHaveAttribute('data-phase', 'ended');
    const next = uuidv7();
    act(() => phone.ring(next, caller));
    await screen.findByTestId('softphone-incoming');
    expect(screen.getByTestId('softphone-call-state')).toHaveAttribute('data-phase', 'ringing');
  });

  it('shows odd caller id characters safely: no controls or direction overrides, no markup', async () => {
    const { fake, phone } = await renderSoftphoneApp();
    const callId = uuidv7();
    act(() => phone.ring(callId, { number: '<b>12\u202e34</b>\u0007', name: 'Evil\u0000 <script>' }));
    const number = await screen.findByTestId('softphone-caller-number');
    expect(number.textContent).toBe('<b>1234</b>');
    expect(number.querySelector('b')).toBeNull();
    expect(screen.getByTestId('softphone-incoming')).toHaveTextContent('Evil <script>');
    expect(
      screen.getByText('The caller id is not a phone number: no history to look up.'),
    ).toBeInTheDocument();
    expect(fake.callsTo('lookup:caller')).toEqual([]);
    await waitFor(() => expect(lastRecord(fake.callRecords, callId)?.remoteNumber).toBe('<b>1234</b>'));
  });

  it('calls the applicant back from the appeal detail through the adapter', async () => {
    const { fake, phone, user } = await renderSoftphoneApp({ appeals: [storedAppeal()] });
    act(() => phone.emit(registered));
    await user.click(screen.getByRole('tab', { name: 'Appeals' }));
    await user.click((await screen.findAllByTestId('appeal-row'))[0]!);
    const dialog = await screen.findByRole('dialog', { name: 'Appeal 1551-2026-000101' });
    await user.click(await within(dialog).findByRole('button', { name: 'Call +380 67 123 45 67' }));
    expect(phone.commands).toContainEqual({ name: 'call', args: ['+380671234567'] });
    expect(screen.getByTestId('softphone-call-state')).toHaveTextContent('Calling…');
    await waitFor(() =>
      expect(fake.callRecords[0]).toMatchObject({ direction: 'outbound', remoteNumber: '+380671234567' }),
    );
  });

  it('disables click-to-call while the line is not registered', async () => {
    const { user } = await renderSoftphoneApp({ appeals: [storedAppeal()] });
    await user.click(screen.getByRole('tab', { name: 'Appeals' }));
    await user.click((await screen.findAllByTestId('appeal-row'))[0]!);
    const dialog = await screen.findByRole('dialog', { name: 'Appeal 1551-2026-000101' });
    expect(await within(dialog).findByRole('button', { name: 'Call +380 67 123 45 67' })).toBeDisabled();
  });

  it('says clearly when no microphone exists and when answering fails for lack of one', async () => {
    const media = navigator.mediaDevices as unknown as { enumerateDevices?: unknown } | undefined;
    const enumerate = vi.fn(async () => [] as MediaDeviceInfo[]);
    Object.defineProperty(navigator, 'mediaDevices', {
      configurable: true,
      value: { enumerateDevices: enumerate, addEventListener() {}, removeEventListener() {} },
    });
    try {
      const phone = createFakeSoftphone({ answerFails: true });
      const { user } = await renderSoftphoneApp({ softphoneFake: phone });
      expect(await screen.findByTestId('softphone-no-devices')).toHaveTextContent('No microphone found');
      act(() => phone.ring(uuidv7(), caller));
      await user.click(await screen.findByTestId('softphone-answer'));
      expect(await screen.findByTestId('softphone-error')).toHaveTextContent('No microphone');
      expect(screen.getByTestId('softphone-incoming')).toBeInTheDocument();
    } finally {
      Object.defineProperty(navigator, 'mediaDevices', { configurable: true, value: media });
    }
  });

  it('lets the operator take a lunch break and tells main the line state with it', async () => {
    const { fake, phone, user } = await renderSoftphoneApp();
    act(() => phone.emit(registered));
    await user.click(await screen.findByTestId('agent-state'));
    await user.click(await screen.findByRole('option', { name: 'Break: lunch' }));
    await waitFor(() =>
      expect(fake.callsTo('agent:set')).toContainEqual({
        state: { state: 'break', reason: 'lunch' },
        sipRegistered: true,
      }),
    );
    expect(screen.getByTestId('agent-state')).toHaveTextContent('Break: lunch');
  });

  async function answeredCall() {
    const rendered = await renderSoftphoneApp();
    act(() => rendered.phone.emit(registered));
    const callId = uuidv7();
    act(() => rendered.phone.ring(callId, caller));
    await rendered.user.click(await screen.findByTestId('softphone-answer'));
    await screen.findByTestId('softphone-hangup');
    return { ...rendered, callId };
  }

  it('transfers blind to an operator username and records the target', async () => {
    const { fake, phone, user, callId } = await answeredCall();
    await user.click(screen.getByTestId('softphone-transfer'));
    const dialog = await screen.findByRole('dialog', { name: 'Transfer the call' });
    await user.type(within(dialog).getByRole('textbox', { name: 'Operator username or number' }), 'op/2@x');
    expect(within(dialog).getByRole('button', { name: 'Transfer' })).toBeDisabled();
    await user.clear(within(dialog).getByRole('textbox', { name: 'Operator username or number' }));
    await user.type(within(dialog).getByRole('textbox', { name: 'Operator username or number' }), 'op2');
    await user.click(within(dialog).getByRole('button', { name: 'Transfer' }));
    expect(phone.commands).toContainEqual({ name: 'blindTransfer', args: [callId, 'op2'] });
    await waitFor(() =>
      expect(lastRecord(fake.callRecords, callId)).toMatchObject({
        result: 'transferred',
        transferTarget: 'op2',
      }),
    );
  });

  it('transfers with consultation: caller on hold, talk to the target, then join them', async () => {
    const { fake, phone, user, callId } = await answeredCall();
    await user.click(screen.getByTestId('softphone-transfer'));
    const dialog = await screen.findByRole('dialog', { name: 'Transfer the call' });
    await user.click(within(dialog).getByRole('button', { name: 'With consultation' }));
    await user.type(within(dialog).getByRole('textbox', { name: 'Operator username or number' }), 'op3');
    await user.click(within(dialog).getByRole('button', { name: 'Call the target first' }));
    expect(phone.commands).toContainEqual({ name: 'setHold', args: [callId, true] });
    const consultCall = phone.commands.find((c) => c.name === 'call');
    expect(consultCall?.args).toEqual(['op3', callId]);
    expect(within(dialog).getByTestId('softphone-consult')).toHaveTextContent('Calling op3');
    expect(within(dialog).getByRole('button', { name: 'Complete the transfer' })).toBeDisabled();
    // The consult leg must not replace the caller's call in the pane.
    expect(screen.getByTestId('softphone-call-state')).toHaveTextContent('On hold');
    const consultId = '0195f000-0000-7000-8000-000000000001';
    act(() => phone.emit({ type: 'established', callId: consultId }));
    expect(within(dialog).getByTestId('softphone-consult')).toHaveTextContent('Talking to op3');
    await user.click(within(dialog).getByRole('button', { name: 'Complete the transfer' }));
    expect(phone.commands).toContainEqual({ name: 'attendedTransfer', args: [callId, consultId] });
    await waitFor(() =>
      expect(lastRecord(fake.callRecords, callId)).toMatchObject({
        result: 'transferred',
        transferTarget: 'op3',
      }),
    );
  });

  it('closes the transfer dialog on “Back to the caller” and never reopens it on the next call', async () => {
    const { phone, user, callId } = await answeredCall();
    await user.click(screen.getByTestId('softphone-transfer'));
    const dialog = await screen.findByRole('dialog', { name: 'Transfer the call' });
    await user.click(within(dialog).getByRole('button', { name: 'With consultation' }));
    await user.type(within(dialog).getByRole('textbox', { name: 'Operator username or number' }), 'op3');
    await user.click(within(dialog).getByRole('button', { name: 'Call the target first' }));
    await user.click(within(dialog).getByRole('button', { name: 'Back to the caller' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(screen.getByTestId('softphone-call-state')).toHaveTextContent('On a call');

    // The same again, and this time the caller hangs up while the dialog is open.
    await user.click(screen.getByTestId('softphone-transfer'));
    await screen.findByRole('dialog', { name: 'Transfer the call' });
    act(() => phone.remoteEnded(callId, 'hangup_remote'));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());

    const next = uuidv7();
    act(() => phone.ring(next, { number: '0674440002', name: null }));
    await user.click(await screen.findByTestId('softphone-answer'));
    await screen.findByTestId('softphone-hangup');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    await user.click(screen.getByTestId('softphone-hangup'));
    expect(phone.commands).toContainEqual({ name: 'hangup', args: [next] });
  });

  it('does not restart the line (dropping calls) when the same credentials are announced again', async () => {
    const { fake, phone } = await renderSoftphoneApp();
    await waitFor(() => expect(phone.registeredWith).not.toBeNull());
    act(() => fake.emit('softphone:configChanged', sipConfig()));
    act(() => fake.emit('softphone:configChanged', sipConfig(60)));
    await waitFor(() => expect(phone.commandNames().filter((n) => n === 'register')).toHaveLength(2));
    expect(phone.registeredWith?.wrapUpSeconds).toBe(60);
  });

  it('unregisters when the server withdraws the softphone configuration', async () => {
    const { fake, phone } = await renderSoftphoneApp({ softphone: { config: sipConfig() } });
    await waitFor(() => expect(phone.registeredWith).not.toBeNull());
    act(() => fake.emit('softphone:configChanged', { configured: false, reason: 'Signed out' }));
    await waitFor(() => expect(phone.commands).toContainEqual({ name: 'unregister', args: ['Signed out'] }));
    expect(screen.getByTestId('softphone-registration')).toHaveTextContent('not configured');
  });
});
