// The feedback operator's callback (issue 12, item 3): the citizen called through the softphone,
// the script filled in with the executor's answer, one key per outcome, then the next appeal due.
import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { Appeal } from '../../../shared/domain';
import { NEW_APPEAL_LIFECYCLE } from '../../../shared/domain/appeal';
import { App } from '../../app/App';
import { AppProviders } from '../../app/AppProviders';
import { startApp } from '../../app/startApp';
import { alwaysConnected } from '../../app/webApi';
import { createFakeSoftphone } from '../../softphone/test/fakeSoftphone';
import { createFakeApi } from '../../test/fakeApi';
import { storedAppeal } from '../../test/fixtures';
import { daysFromToday, kyivToday, serverAs } from '../../test/roles';
import { sipConfig } from '../softphone/test/renderSoftphoneApp';

const answered = (id: string, number: string, overrides: Partial<Appeal> = {}): Appeal =>
  storedAppeal({
    id,
    officialNumber: number,
    status: 'awaiting_applicant_check',
    result: 'done',
    receivedOn: daysFromToday(-20),
    deadlineOn: daysFromToday(5),
    lifecycle: {
      ...NEW_APPEAL_LIFECYCLE,
      assignedOn: daysFromToday(-19),
      answer: { result: 'done', text: 'Hot water is back since Monday.', at: '2026-11-20T10:00:00.000Z' },
    },
    ...overrides,
  });

async function renderFeedback(appeals: Appeal[]) {
  const fake = createFakeApi({
    appeals,
    today: kyivToday(),
    server: serverAs('feedback'),
    softphone: { config: sipConfig() },
  });
  const phone = createFakeSoftphone();
  const store = startApp(fake.api, alwaysConnected, {
    lookupDelayMs: 20,
    searchDelayMs: 20,
    softphone: phone,
  });
  const user = userEvent.setup({ delay: null });
  render(
    <AppProviders store={store}>
      <App />
    </AppProviders>,
  );
  await screen.findByRole('tab', { name: /^To call back/, selected: true });
  return { fake, phone, user };
}

const panel = () => screen.getByTestId('callback-panel');
type Acts = () => { action: { kind: string; outcome?: string } }[];
const outcomesOf = (acts: Acts) => acts().map((c) => c.action.outcome);

describe('calling back', { timeout: 30_000 }, () => {
  it('calls the citizen, reads the answer from the script and records outcomes with one key each', async () => {
    const appeals = [
      answered('a-1', '1551-2026-000101'),
      answered('a-2', '1551-2026-000102', {
        deadlineOn: daysFromToday(9),
        applicant: { ...storedAppeal().applicant, fullName: 'Maria Bondar', phones: ['+380501112233'] },
      }),
      answered('a-3', '1551-2026-000103', {
        lifecycle: { ...NEW_APPEAL_LIFECYCLE, nextCallbackAt: '2999-01-01T00:00:00.000Z' },
      }),
    ];
    const { fake, phone, user } = await renderFeedback(appeals);
    const outcomes = () => outcomesOf(() => fake.callsTo('appeals:act') as ReturnType<Acts>);
    expect(screen.getByRole('tab', { name: 'To call back: 2' })).toBeInTheDocument();
    await waitFor(() => expect(panel()).toHaveTextContent('1551-2026-000101 · Petro Shevchenko'));
    expect(within(panel()).getByTestId('callback-say-greeting')).toHaveTextContent(
      'Good afternoon! This is Kyiv 1551, Fedir Feedback speaking. Am I speaking to the applicant, Petro Shevchenko?',
    );
    expect(within(panel()).getByTestId('callback-say-appeal')).toHaveTextContent(
      'appeal number 1551-2026-000101',
    );
    expect(within(panel()).getByTestId('callback-say-answer')).toHaveTextContent(
      'ПАТ «Київтеплоенерго» reports: Done. Hot water is back since Monday.',
    );
    for (const [key, name] of [
      ['1', 'Confirmed'],
      ['2', 'Not solved'],
      ['3', 'No answer'],
      ['4', 'Wrong number'],
    ])
      expect(within(panel()).getByRole('button', { name: `${key} ${name}` })).toHaveAttribute(
        'aria-keyshortcuts',
        key,
      );

    act(() => phone.emit({ type: 'registration', registration: { state: 'registered' } }));
    await user.click(within(panel()).getByRole('button', { name: 'Call +380 67 123 45 67' }));
    expect(phone.commands).toContainEqual({ name: 'call', args: ['+380671234567'] });

    // Nobody answers: counted, retried later, and the next appeal due is on screen.
    await user.keyboard('3');
    await waitFor(() => expect(panel()).toHaveTextContent('1551-2026-000102 · Maria Bondar'));
    expect(outcomes()).toEqual(['no_answer']);
    expect(screen.getAllByTestId('worklist-row')).toHaveLength(1);
    expect(screen.getByRole('tab', { name: 'To call back: 1' })).toBeInTheDocument();
    expect(fake.appeals.find((a) => a.id === 'a-1')!.lifecycle.callbackAttempts).toBe(1);

    await user.keyboard('1');
    await waitFor(() => expect(screen.queryAllByTestId('worklist-row')).toHaveLength(0));
    expect(outcomes()).toEqual(['no_answer', 'confirmed']);
    expect(fake.appeals.find((a) => a.id === 'a-2')!.status).toBe('closed');
  });

  it('sends "not solved" back to rework with what the citizen said, and ignores keys typed in the note', async () => {
    const { fake, user } = await renderFeedback([answered('a-1', '1551-2026-000101')]);
    await waitFor(() => expect(panel()).toHaveTextContent('1551-2026-000101'));
    await user.type(
      within(panel()).getByRole('textbox', { name: 'What is not solved (optional)' }),
      'Still 1 tap cold 4 days',
    );
    expect(fake.callsTo('appeals:act')).toHaveLength(0);
    await user.click(within(panel()).getByRole('button', { name: '2 Not solved' }));
    await waitFor(() => expect(fake.appeals[0]!.status).toBe('rework'));
    expect(fake.callsTo('appeals:act')[0]).toMatchObject({
      action: { kind: 'callback', outcome: 'not_solved', note: 'Still 1 tap cold 4 days' },
    });
    expect(fake.appeals[0]!.lifecycle.reworkRounds).toBe(1);
  });
});
