// The team lead's side of mass incidents (issue 14, part 3): the alert when one forms, the list, and
// confirm, split, merge and close with what happened said plainly, including another lead's 409.
import { act, screen, waitFor, within } from '@testing-library/react';
import { renderApp } from '../../test/renderApp';
import { incidentView, type FakeIncident } from '../../test/fakeIncidents';
import { serverAs } from '../../test/roles';

const appeal = (n: number) => ({
  id: `a-${n}`,
  number: `1551-2026-00010${n}`,
  status: 'registered',
  createdAt: '2026-11-23T08:0' + n + ':00.000Z',
  linkedBy: 'detector' as const,
});

const water = (patch: Partial<FakeIncident['incident']> = {}): FakeIncident => ({
  incident: incidentView({ id: 'inc-water', categoryGroupId: 'g-housing', appealCount: 3, ...patch }),
  building: { city: 'Київ', street: 'Хрещатик', building: '22' },
  appeals: [appeal(1), appeal(2), appeal(3)],
});

async function openIncident(user: Awaited<ReturnType<typeof renderApp>>['user'], id: string) {
  const row = await screen.findByTestId('incident-row');
  expect(row).toHaveAttribute('data-id', id);
  await user.click(within(row).getByRole('button', { name: 'Manage' }));
  const dialog = await screen.findByTestId('incident-dialog');
  await within(dialog).findByTestId('incident-facts');
  return dialog;
}

describe('incidents in the lead’s cockpit', { timeout: 40_000 }, () => {
  it('alerts when an incident forms, with its size and place, kept current until dismissed', async () => {
    const { fake, user } = await renderApp({ server: serverAs('team_lead') });
    await screen.findByTestId('incidents-panel');
    expect(screen.queryByTestId('incident-alert')).not.toBeInTheDocument();
    act(() =>
      fake.emit('incidents:changed', {
        kind: 'incident',
        incident: incidentView({ categoryGroupId: 'g-housing', appealCount: 5 }),
        isNew: true,
      }),
    );
    const alert = await screen.findByTestId('incident-alert');
    expect(alert).toHaveTextContent(
      'New incident: 5 appeals · Housing and utilities · Київ, вул. Хрещатик 22',
    );
    expect(within(screen.getByTestId('incidents-panel')).getByTestId('incident-row')).toHaveTextContent('5');
    act(() =>
      fake.emit('incidents:changed', {
        kind: 'incident',
        incident: incidentView({ appealCount: 6 }),
        isNew: false,
      }),
    );
    await waitFor(() => expect(screen.getByTestId('incident-alert')).toHaveTextContent('6 appeals'));
    await user.click(within(alert).getByRole('button', { name: 'Dismiss' }));
    await waitFor(() => expect(screen.queryByTestId('incident-alert')).not.toBeInTheDocument());
  });

  it('splits off the chosen appeals and says a new incident was made', async () => {
    const { user, fake } = await renderApp({
      server: serverAs('team_lead'),
      incidents: { incidents: [water()] },
    });
    const dialog = await openIncident(user, 'inc-water');
    await user.click(within(dialog).getByRole('checkbox', { name: /1551-2026-000103/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Split off the chosen appeals (1)' }));
    expect(await within(dialog).findByTestId('incident-outcome')).toHaveTextContent(
      'Split: a new incident of 1 appeals was made.',
    );
    expect(fake.callsTo('incidents:act')).toEqual([
      { id: 'inc-water', baseVersion: 1, action: { kind: 'split', appealIds: ['a-3'] } },
    ]);
    await waitFor(() => expect(within(dialog).getByTestId('incident-facts')).toHaveTextContent('2 appeals'));
  });

  it('closes the incident, saying the appeals move on together and callbacks stay per citizen', async () => {
    const { user } = await renderApp({ server: serverAs('team_lead'), incidents: { incidents: [water()] } });
    const dialog = await openIncident(user, 'inc-water');
    await user.click(within(dialog).getByRole('button', { name: 'Close the incident' }));
    expect(within(dialog).getByTestId('incident-close-hint')).toHaveTextContent(
      'Closing moves all linked appeals on together, to the callback step; each citizen is still called back on their own appeal.',
    );
    const confirm = within(dialog).getByRole('button', { name: 'Close and move the appeals on' });
    expect(confirm).toBeDisabled();
    await user.type(within(dialog).getByRole('textbox', { name: /Answer given/ }), 'The main was repaired');
    await user.click(confirm);
    expect(await within(dialog).findByTestId('incident-outcome')).toHaveTextContent(
      'Closed: 3 appeals moved on to the callback step, 0 were already past it.',
    );
    await waitFor(() => expect(screen.queryByTestId('incident-row')).not.toBeInTheDocument());
  });

  it('says another lead acted first (409) and shows the incident as it now is', async () => {
    const { user, fake } = await renderApp({
      server: serverAs('team_lead'),
      incidents: { incidents: [water()] },
    });
    const dialog = await openIncident(user, 'inc-water');
    // Another lead confirms it meanwhile; this lead's screen has not heard yet.
    fake.incidents.changeElsewhere('inc-water', { stage: 'confirmed' }, false);
    await user.click(within(dialog).getByRole('button', { name: 'Confirm' }));
    await user.click(within(dialog).getByRole('button', { name: 'Confirm' }));
    const outcome = await within(dialog).findByTestId('incident-outcome');
    expect(outcome).toHaveTextContent(
      'Another team lead acted on this incident first: it is now confirmed with 3 appeals.',
    );
    expect(within(dialog).getByTestId('incident-facts')).toHaveTextContent('confirmed');
  });

  it('merges into another open incident of the same group', async () => {
    const other = water({ id: 'inc-other', place: 'Київ, вул. Хрещатик 24', appealCount: 4 });
    other.building = { city: 'Київ', street: 'Хрещатик', building: '24' };
    other.appeals = [appeal(4), appeal(5), appeal(6), appeal(7)];
    const { user } = await renderApp({
      server: serverAs('team_lead'),
      incidents: { incidents: [water({ lastAt: '2026-11-23T10:00:00.000Z' }), other] },
    });
    const rows = await screen.findAllByTestId('incident-row');
    await user.click(within(rows[0]!).getByRole('button', { name: 'Manage' }));
    const dialog = await screen.findByTestId('incident-dialog');
    await within(dialog).findByTestId('incident-facts');
    await user.click(within(dialog).getByRole('button', { name: 'Merge into…' }));
    await user.click(within(dialog).getByRole('combobox', { name: 'Merge into' }));
    await user.click(await screen.findByRole('option', { name: /Хрещатик 24/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Merge into' }));
    expect(await within(dialog).findByTestId('incident-outcome')).toHaveTextContent(
      'Merged: its appeals are now in the incident at Київ, вул. Хрещатик 24 (7 appeals).',
    );
  });

  it('refuses offline with words the lead can act on', async () => {
    const { user, fake } = await renderApp({
      server: serverAs('team_lead'),
      incidents: { incidents: [water()] },
    });
    const dialog = await openIncident(user, 'inc-water');
    fake.incidents.setOffline(true);
    await user.click(within(dialog).getByRole('button', { name: 'Confirm' }));
    await user.click(within(dialog).getByRole('button', { name: 'Confirm' }));
    expect(await within(dialog).findByTestId('incident-outcome')).toHaveTextContent(
      'The server cannot be reached: incidents are acted on online only.',
    );
  });
});
