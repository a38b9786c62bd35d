import { act, screen, waitFor } from '@testing-library/react';
import { uuidv7 } from '../../../shared/domain';
import { renderSoftphoneApp } from '../softphone/test/renderSoftphoneApp';

const registered = { type: 'registration', registration: { state: 'registered' } } as const;
const phoneField = () => screen.getByRole('textbox', { name: 'Phone' });

async function answerFrom(rendered: Awaited<ReturnType<typeof renderSoftphoneApp>>, number: string) {
  const callId = uuidv7();
  act(() => rendered.phone.ring(callId, { number, name: null }));
  await rendered.user.click(await screen.findByTestId('softphone-answer'));
  await screen.findByTestId('softphone-hangup');
  return callId;
}

describe('the intake form across calls', { timeout: 40_000 }, () => {
  it('puts the next caller’s number in place of the one it filled in for a caller who hung up', async () => {
    const rendered = await renderSoftphoneApp();
    const { phone, user, fake } = rendered;
    act(() => phone.emit(registered));
    const first = await answerFrom(rendered, '0674440001');
    expect(phoneField()).toHaveValue('+380 67 444 00 01');
    act(() => phone.remoteEnded(first, 'hangup_remote'));

    await answerFrom(rendered, '0674440002');
    await waitFor(() => expect(phoneField()).toHaveValue('+380 67 444 00 02'));
    expect(await screen.findByTestId('caller-panel')).toHaveTextContent('+380 67 444 00 02');
    expect(screen.getByTestId('caller-panel')).not.toHaveTextContent('00 01');

    // Registered now, the appeal names the citizen on the line.
    await user.click(screen.getByRole('radio', { name: 'Complaint' }));
    await user.type(screen.getByRole('textbox', { name: 'Full name' }), 'Ivan Petrenko');
    await user.type(screen.getByRole('textbox', { name: 'Street' }), 'Хрещатик');
    await user.type(screen.getByRole('textbox', { name: 'Building' }), '22');
    await user.type(screen.getByRole('textbox', { name: 'Essence of the issue' }), 'No hot water');
    await user.type(screen.getByRole('combobox', { name: 'Category' }), 'гаряч');
    await user.keyboard('{Enter}');
    await user.click(screen.getByRole('button', { name: 'Register appeal' }));
    await screen.findByTestId('saved-panel');
    const [sent] = fake.callsTo('appeals:create') as { applicant: { phones: string[] } }[];
    expect(sent!.applicant.phones).toEqual(['+380674440002']);
  });

  it('keeps a number the operator corrected as their draft when the next call is answered', async () => {
    const rendered = await renderSoftphoneApp();
    const { phone, user } = rendered;
    act(() => phone.emit(registered));
    const first = await answerFrom(rendered, '0674440001');
    await user.clear(phoneField());
    await user.type(phoneField(), '0674440009');
    act(() => phone.remoteEnded(first, 'hangup_remote'));

    await answerFrom(rendered, '0674440002');
    expect(phoneField()).toHaveValue('0674440009');
  });
});
