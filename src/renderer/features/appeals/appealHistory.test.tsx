// An appeal's history (issue 12, item 4): who (with their role), when, what, from which workstation,
// the version each change made, and a plain word when only part of it can be shown.
import { screen, waitFor, within } from '@testing-library/react';
import { storedAppeal } from '../../test/fixtures';
import { renderApp } from '../../test/renderApp';
import { daysFromToday, kyivToday, serverAs } from '../../test/roles';

const registered = () =>
  storedAppeal({ status: 'registered', receivedOn: daysFromToday(-1), deadlineOn: daysFromToday(29) });

describe('appeal history', { timeout: 30_000 }, () => {
  it('lists each change with who and their role, what, the workstation and the version', async () => {
    const { user } = await renderApp({
      appeals: [registered()],
      today: kyivToday(),
      server: serverAs('analyst'),
    });
    await user.keyboard('{Enter}');
    const dialog = await screen.findByRole('dialog', { name: 'Appeal 1551-2026-000101' });
    await user.click(await within(dialog).findByRole('button', { name: 'Assign' }));
    await user.click(
      within(within(dialog).getByRole('form', { name: 'Assign' })).getByRole('button', { name: 'Assign' }),
    );
    await waitFor(() => expect(within(dialog).getByTestId('lifecycle-facts')).toHaveTextContent('Assigned'));
    await user.click(within(dialog).getByRole('tab', { name: 'History' }));
    await waitFor(() => expect(within(dialog).getAllByTestId('history-entry')).toHaveLength(2));
    const [created, assigned] = within(dialog).getAllByTestId('history-entry');
    expect(created).toHaveTextContent('Registered');
    expect(created).toHaveTextContent('(Operator)');
    expect(assigned).toHaveTextContent('Andrii Analyst (Analyst)');
    expect(assigned).toHaveTextContent('Assign · Registered → Assigned');
    expect(assigned).toHaveTextContent('To: ПАТ «Київтеплоенерго»');
    expect(assigned).toHaveTextContent('device-1');
    expect(within(assigned!).getAllByRole('cell').at(-1)).toHaveTextContent('2');
    expect(within(dialog).queryByTestId('history-incomplete')).not.toBeInTheDocument();
  });

  it('says the history is incomplete when the server cannot be asked', async () => {
    const { user } = await renderApp({
      appeals: [registered()],
      today: kyivToday(),
      server: { ...serverAs('analyst'), reachable: false },
    });
    await user.keyboard('{Enter}');
    const dialog = await screen.findByRole('dialog', { name: 'Appeal 1551-2026-000101' });
    await user.click(within(dialog).getByRole('tab', { name: 'History' }));
    expect(await within(dialog).findByTestId('history-incomplete')).toHaveTextContent(
      'Only the changes known on this workstation are shown: the server could not be asked',
    );
  });
});
