// The team lead's and admin's backlog (issue 12, item 3): open, due soon and overdue by executor,
// sortable, a row opening that executor's open appeals; an admin keeps executors' contacts there.
import { screen, waitFor, within } from '@testing-library/react';
import type { Appeal } from '../../../shared/domain';
import { storedAppeal } from '../../test/fixtures';
import { renderApp } from '../../test/renderApp';
import { daysFromToday, kyivToday, serverAs } from '../../test/roles';

/** A lead or admin starts on the cockpit (issue 13); the backlog is its own tab. */
async function renderBacklog(options: Parameters<typeof renderApp>[0]) {
  const rendered = await renderApp(options);
  await rendered.user.click(screen.getByRole('tab', { name: 'Backlog' }));
  return rendered;
}

let n = 0;
const open = (executorId: string, deadlineIn: number, overrides: Partial<Appeal> = {}): Appeal => {
  n += 1;
  return storedAppeal({
    id: `b-${n}`,
    officialNumber: `1551-2026-${String(n).padStart(6, '0')}`,
    status: 'assigned',
    executorId,
    receivedOn: daysFromToday(-10),
    deadlineOn: daysFromToday(deadlineIn),
    ...overrides,
  });
};
const appeals = () => [
  open('e-teplo', 10),
  open('e-teplo', -1),
  open('e-teplo', -3),
  open('e-lift', 1),
  open('e-lift', 2),
  open('e-lift', 20),
  open('e-lift', 20),
  open('e-zhek', 5, { status: 'closed' }),
];
const rowTexts = () =>
  screen.getAllByTestId('backlog-row').map((r) =>
    within(r)
      .getAllByRole('cell')
      .slice(0, 4)
      .map((c) => c.textContent),
  );

describe('backlog by executor', { timeout: 30_000 }, () => {
  it('counts open, due soon and overdue by executor, the most overdue first, and sorts by a header', async () => {
    const { user } = await renderBacklog({
      appeals: appeals(),
      today: kyivToday(),
      server: serverAs('team_lead'),
    });
    await screen.findAllByTestId('backlog-row');
    expect(rowTexts()).toEqual([
      ['ПАТ «Київтеплоенерго»', '3', '0', '2'],
      ['КП «Київжитлоспецексплуатація»', '4', '2', '0'],
    ]);
    expect(screen.getByTestId('backlog-total')).toHaveTextContent(
      'All executors: 7 open, 2 due soon, 2 overdue',
    );
    const table = screen.getByRole('table', { name: 'Backlog by executor' });
    await user.click(within(table).getByRole('button', { name: 'Due soon' }));
    expect(rowTexts()[0]![0]).toBe('КП «Київжитлоспецексплуатація»');
    expect(within(table).getByRole('columnheader', { name: 'Due soon' })).toHaveAttribute(
      'aria-sort',
      'descending',
    );
    await user.click(within(table).getByRole('button', { name: 'Executor' }));
    expect(rowTexts().map((r) => r[0])).toEqual(['КП «Київжитлоспецексплуатація»', 'ПАТ «Київтеплоенерго»']);
    // No contacts column for a team lead: only an admin edits them.
    expect(within(table).queryByRole('columnheader', { name: 'Contacts' })).not.toBeInTheDocument();
  });

  it("opens an executor's open appeals from its row, by click or Enter, and shows them all again on request", async () => {
    const { user, fake } = await renderBacklog({
      appeals: appeals(),
      today: kyivToday(),
      server: serverAs('team_lead'),
    });
    const [teplo] = await screen.findAllByTestId('backlog-row');
    teplo!.focus();
    await user.keyboard('{Enter}');
    expect(await screen.findByRole('tab', { name: /^Open/, selected: true })).toBeInTheDocument();
    expect(screen.getByTestId('executor-filter')).toHaveTextContent('Executor: ПАТ «Київтеплоенерго»');
    await waitFor(() => expect(screen.getAllByTestId('worklist-row')).toHaveLength(3));
    expect(fake.callsTo('worklists:list').at(-1)).toMatchObject({ list: 'open', executorId: 'e-teplo' });
    await user.click(within(screen.getByTestId('executor-filter')).getByTestId('CancelIcon'));
    await waitFor(() => expect(screen.getAllByTestId('worklist-row')).toHaveLength(7));
  });

  it('lets an admin change an executor’s contacts, which the directory then shows', async () => {
    const { user, fake } = await renderBacklog({
      appeals: appeals(),
      today: kyivToday(),
      server: serverAs('admin'),
    });
    await screen.findAllByTestId('backlog-row');
    await user.click(screen.getByRole('button', { name: 'Edit contacts of КП «Київжитлоспецексплуатація»' }));
    const dialog = await screen.findByRole('dialog', { name: 'Contacts: КП «Київжитлоспецексплуатація»' });
    await user.type(within(dialog).getByRole('textbox', { name: 'Phone' }), '+380 44 200 00 00');
    await user.type(within(dialog).getByRole('textbox', { name: 'Hours' }), 'Mon–Fri 9–18');
    await user.click(within(dialog).getByRole('button', { name: 'Save contacts' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(fake.callsTo('reference:updateExecutor')).toEqual([
      { id: 'e-lift', contacts: { phone: '+380 44 200 00 00', address: null, hours: 'Mon–Fri 9–18' } },
    ]);
    await user.click(screen.getByRole('tab', { name: 'Consultations' }));
    await user.type(screen.getByRole('searchbox', { name: 'Directory search' }), 'Київжитло');
    const item = await screen.findByTestId('directory-item');
    expect(item).toHaveTextContent('+380 44 200 00 00');
    expect(item).toHaveTextContent('Mon–Fri 9–18');
    expect(
      within(item).getByRole('button', { name: 'Edit contacts of КП «Київжитлоспецексплуатація»' }),
    ).toBeInTheDocument();
  });

  it('says why contacts were not saved', async () => {
    const { user } = await renderBacklog({
      appeals: appeals(),
      today: kyivToday(),
      server: { ...serverAs('admin'), reachable: false },
    });
    await screen.findAllByTestId('backlog-row');
    await user.click(screen.getByRole('button', { name: 'Edit contacts of ПАТ «Київтеплоенерго»' }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Save contacts' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'Not saved: Executor contacts are changed on the server: connect first',
    );
  });
});
