// Correcting and supplementing an appeal (issue 12, item 4): a typo is corrected only before the
// appeal is assigned; afterwards the dialog says why not, and information or a phone is added instead.
import { screen, waitFor, within } from '@testing-library/react';
import type { Appeal } from '../../../shared/domain';
import { storedAppeal } from '../../test/fixtures';
import { renderApp } from '../../test/renderApp';
import { daysFromToday, kyivToday, serverAs } from '../../test/roles';

const appealIn = (status: Appeal['status']) =>
  storedAppeal({ status, receivedOn: daysFromToday(-1), deadlineOn: daysFromToday(29) });

async function openAmend(user: Awaited<ReturnType<typeof renderApp>>['user']) {
  await user.click(screen.getByRole('tab', { name: 'Appeals' }));
  await user.click(await screen.findByRole('button', { name: '1551-2026-000101' }));
  const detail = await screen.findByRole('dialog', { name: 'Appeal 1551-2026-000101' });
  await user.click(await within(detail).findByRole('button', { name: 'Correct / supplement…' }));
  return {
    detail,
    dialog: await screen.findByRole('dialog', { name: 'Correct or supplement appeal 1551-2026-000101' }),
  };
}

describe('correcting and supplementing an appeal', { timeout: 30_000 }, () => {
  it('corrects a typo and adds information while the appeal is not assigned yet', async () => {
    const { user, fake } = await renderApp({
      appeals: [appealIn('registered')],
      today: kyivToday(),
      server: serverAs('operator'),
    });
    const { detail, dialog } = await openAmend(user);
    expect(within(dialog).queryByTestId('not-correctable')).not.toBeInTheDocument();
    const name = within(dialog).getByRole('textbox', { name: /Full name/ });
    await user.clear(name);
    await user.type(name, 'Petro Shevchenko-Bilyi');
    await user.type(within(dialog).getByRole('textbox', { name: 'Add information' }), 'The neighbours too');
    await user.click(within(dialog).getByRole('button', { name: 'Save changes' }));
    await waitFor(() =>
      expect(screen.queryByRole('dialog', { name: /Correct or supplement/ })).not.toBeInTheDocument(),
    );
    expect(fake.callsTo('appeals:amend')).toEqual([
      {
        id: 'a-1',
        amendment: { supplement: 'The neighbours too', corrections: { fullName: 'Petro Shevchenko-Bilyi' } },
        baseVersion: 1,
      },
    ]);
    await waitFor(() =>
      expect(within(detail).getByTestId('fact-supplements')).toHaveTextContent('The neighbours too'),
    );
    expect(detail).toHaveTextContent('Petro Shevchenko-Bilyi');
  });

  it('explains that an assigned appeal is supplemented, not corrected, and adds a phone', async () => {
    const { user, fake } = await renderApp({
      appeals: [appealIn('assigned')],
      today: kyivToday(),
      server: serverAs('operator'),
    });
    const { dialog } = await openAmend(user);
    expect(within(dialog).getByTestId('not-correctable')).toHaveTextContent(
      'Corrections are possible only before the appeal is assigned to an executor; it is “Assigned” now.',
    );
    expect(within(dialog).queryByRole('textbox', { name: /Full name/ })).not.toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Save changes' }));
    expect(within(dialog).getByRole('alert')).toHaveTextContent('Nothing to save');
    await user.type(within(dialog).getByRole('textbox', { name: 'New phone' }), '050 111 22 33');
    await user.click(within(dialog).getByRole('button', { name: 'Save changes' }));
    expect(fake.callsTo('appeals:amend')).toEqual([
      { id: 'a-1', amendment: { addPhones: ['+380501112233'] }, baseVersion: 1 },
    ]);
  });

  it('is not offered on a workstation without a server, which cannot change a registered appeal', async () => {
    const { user } = await renderApp({ appeals: [appealIn('registered')], today: kyivToday() });
    await user.click(screen.getByRole('tab', { name: 'Appeals' }));
    await user.click(await screen.findByRole('button', { name: '1551-2026-000101' }));
    const detail = await screen.findByRole('dialog', { name: 'Appeal 1551-2026-000101' });
    await within(detail).findByTestId('lifecycle-facts');
    expect(within(detail).queryByRole('button', { name: 'Correct / supplement…' })).not.toBeInTheDocument();
  });
});
