// The screen pop while the phone rings (issue 14, part 3): a caller whose latest appeal is at a place
// with an open incident is shown "known incident" with the words to read; a caller from elsewhere,
// or any caller while the server cannot be reached, sees the pop as before.
import { act, screen, within } from '@testing-library/react';
import { uuidv7 } from '../../../shared/domain';
import { storedAppeal } from '../../test/fixtures';
import { incidentView } from '../../test/fakeIncidents';
import { renderSoftphoneApp } from '../softphone/test/renderSoftphoneApp';

const registered = { type: 'registration', registration: { state: 'registered' } } as const;
const caller = { number: '0671234567', name: 'Petro' };
const atKhreshchatyk = {
  incident: incidentView({
    id: 'inc-heat',
    categoryGroupId: 'g-housing',
    appealCount: 12,
    script: 'Аварія на тепломережі, тепло дадуть до 18:00.',
  }),
  building: { city: 'Київ', street: 'вул. Хрещатик', building: '22' },
  appeals: [],
};

async function ring(options: Parameters<typeof renderSoftphoneApp>[0]) {
  const { phone } = await renderSoftphoneApp({ appeals: [storedAppeal()], ...options });
  await vi.waitFor(() => expect(phone.registeredWith).not.toBeNull());
  act(() => phone.emit(registered));
  act(() => phone.ring(uuidv7(), caller, 'abc@pbx'));
  const card = await screen.findByTestId('softphone-incoming');
  return within(card).findByTestId('softphone-screen-pop');
}

describe('known incident in the screen pop', { timeout: 30_000 }, () => {
  it('shows the incident at the caller’s building with the center’s words', async () => {
    const pop = await ring({ incidents: { incidents: [atKhreshchatyk] } });
    const hint = await within(pop).findByTestId('pop-incident');
    expect(hint).toHaveTextContent('Known incident');
    expect(hint).toHaveTextContent('Housing and utilities · since');
    expect(hint).toHaveTextContent('12 appeals');
    expect(within(hint).getByTestId('pop-incident-script')).toHaveTextContent(
      'Аварія на тепломережі, тепло дадуть до 18:00.',
    );
  });

  it('shows nothing of incidents for a caller from elsewhere, or when the server cannot be reached', async () => {
    const elsewhere = { ...atKhreshchatyk, building: { city: 'Київ', street: 'вул. Інша', building: '1' } };
    const pop = await ring({ incidents: { incidents: [elsewhere] } });
    expect(pop).toHaveTextContent('Open appeals at');
    expect(within(pop).queryByTestId('pop-incident')).not.toBeInTheDocument();
  });

  it('shows the pop as before when offline', async () => {
    const pop = await ring({ incidents: { incidents: [atKhreshchatyk], offline: true } });
    expect(pop).toHaveTextContent('Open appeals at');
    expect(within(pop).queryByTestId('pop-incident')).not.toBeInTheDocument();
    expect(within(pop).queryByRole('alert')).not.toBeInTheDocument();
  });
});
