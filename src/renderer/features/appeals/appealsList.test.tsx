import { act, screen, waitFor, within } from '@testing-library/react';
import { viewOpened } from '../../app/navigationSlice';
import { renderApp } from '../../test/renderApp';
import { storedAppeal } from '../../test/fixtures';
import type { Appeal } from '../../../shared/domain';

function manyAppeals(n: number): Appeal[] {
  return Array.from({ length: n }, (_, i) =>
    storedAppeal({
      id: `a-${i + 1}`,
      officialNumber: null,
      provisionalNumber: `W-2026-${String(i + 1).padStart(6, '0')}`,
      deadlineOn: '2026-12-30',
    }),
  );
}

describe('appeals list', { timeout: 20_000 }, () => {
  it('lists appeals with number, dates, applicant, address, category, status and an overdue deadline marked', async () => {
    const overdue = storedAppeal();
    const provisional = storedAppeal({
      id: 'a-2',
      officialNumber: null,
      provisionalNumber: 'W-2026-000777',
      deadlineOn: '2099-01-01',
      categoryId: 't-bus',
      status: 'registered',
    });
    const { user } = await renderApp({ appeals: [overdue, provisional] });
    await user.click(screen.getByRole('tab', { name: 'Appeals' }));
    const rows = await screen.findAllByTestId('appeal-row');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent('1551-2026-000101');
    expect(rows[0]).toHaveTextContent('01/10/2026');
    expect(rows[0]).toHaveTextContent('Petro Shevchenko');
    expect(rows[0]).toHaveTextContent('Київ, Хрещатик 22, flat 5');
    expect(rows[0]).toHaveTextContent('Відсутність гарячого водопостачання');
    expect(rows[0]).toHaveTextContent('In progress');
    expect(rows[0]).toHaveAttribute('data-overdue', 'true');
    expect(rows[0]).toHaveTextContent('overdue');
    expect(rows[1]).toHaveTextContent('W-2026-000777');
    expect(rows[1]).not.toHaveAttribute('data-overdue');
  });

  it.each([
    ['uk', 'Київ, Хрещатик 22, кв. 5'],
    ['ru', 'Київ, Хрещатик 22, кв. 5'],
    ['kk', 'Київ, Хрещатик 22, 5-пәтер'],
    ['en', 'Київ, Хрещатик 22, flat 5'],
  ] as const)(
    'writes the flat in the operator’s language (%s), in the list and in the appeal',
    async (locale, line) => {
      const { user, store } = await renderApp({
        appeals: [storedAppeal()],
        settings: { locale, theme: 'light' },
      });
      act(() => void store.dispatch(viewOpened('appeals')));
      const [row] = await screen.findAllByTestId('appeal-row');
      expect(within(row!).getAllByRole('cell')[4]).toHaveTextContent(new RegExp(`^${line}$`));
      await user.click(within(row!).getByRole('button'));
      expect(await screen.findByRole('dialog')).toHaveTextContent(line);
    },
  );

  it('shows the type and executor, names the priority mark, and sorts by a column header', async () => {
    const appeals = [
      storedAppeal({ id: 'a-1', provisionalNumber: 'W-2026-000001', officialNumber: null, priority: true }),
      storedAppeal({
        id: 'a-2',
        provisionalNumber: 'W-2026-000002',
        officialNumber: null,
        type: 'proposal',
        categoryId: 't-bus',
        executorId: 'e-transport',
        deadlineOn: '2026-10-15',
      }),
      storedAppeal({
        id: 'a-3',
        provisionalNumber: 'W-2026-000003',
        officialNumber: null,
        deadlineOn: '2026-12-20',
      }),
    ];
    const { user } = await renderApp({ appeals });
    await user.click(screen.getByRole('tab', { name: 'Appeals' }));
    await screen.findAllByTestId('appeal-row');
    const table = screen.getByRole('table', { name: 'Appeals' });
    expect(within(table).getByRole('columnheader', { name: 'Type' })).toBeInTheDocument();
    expect(within(table).getByRole('columnheader', { name: 'Executor' })).toBeInTheDocument();
    const row = (number: string) =>
      screen.getAllByTestId('appeal-row').find((r) => r.textContent?.includes(number))!;
    expect(row('W-2026-000001')).toHaveTextContent('Complaint');
    expect(row('W-2026-000001')).toHaveTextContent('ПАТ «Київтеплоенерго»');
    expect(row('W-2026-000001')).toHaveTextContent('priority');
    expect(row('W-2026-000002')).toHaveTextContent('Proposal or remark');
    expect(row('W-2026-000002')).toHaveTextContent('КП «Київпастранс»');
    expect(row('W-2026-000002')).not.toHaveTextContent('priority');

    const numbers = () =>
      screen.getAllByTestId('appeal-row').map((r) => /W-2026-\d{6}/.exec(r.textContent ?? '')?.[0]);
    await user.click(within(table).getByRole('button', { name: 'Deadline' }));
    expect(numbers()).toEqual(['W-2026-000002', 'W-2026-000001', 'W-2026-000003']);
    expect(within(table).getByRole('columnheader', { name: 'Deadline' })).toHaveAttribute(
      'aria-sort',
      'ascending',
    );
    await user.click(within(table).getByRole('button', { name: 'Deadline' }));
    expect(numbers()).toEqual(['W-2026-000003', 'W-2026-000001', 'W-2026-000002']);
    await user.click(within(table).getByRole('button', { name: 'Executor' }));
    expect(numbers()[0]).toBe('W-2026-000002');
  });

  it('searches the full text after a pause in typing', async () => {
    const { user, fake } = await renderApp({ appeals: [storedAppeal()] });
    await user.click(screen.getByRole('tab', { name: 'Appeals' }));
    await screen.findAllByTestId('appeal-row');
    await user.type(screen.getByRole('searchbox', { name: 'Search' }), 'gas leak');
    expect(await screen.findByText('No appeals match.')).toBeInTheDocument();
    const texts = (fake.callsTo('appeals:list') as { text: string }[]).map((q) => q.text);
    expect(texts.at(-1)).toBe('gas leak');
    expect(texts.filter((t) => t === 'gas leak')).toHaveLength(1);
    expect(texts).not.toContain('gas');
  });

  it('treats a phone number typed in the search box as a search by that phone', async () => {
    const { user, fake } = await renderApp({ appeals: [storedAppeal()] });
    await user.click(screen.getByRole('tab', { name: 'Appeals' }));
    await screen.findAllByTestId('appeal-row');
    await user.type(screen.getByRole('searchbox', { name: 'Search' }), '067 555 12 34');
    await waitFor(() =>
      expect(fake.callsTo('appeals:list').at(-1)).toMatchObject({ text: '', phone: '+380675551234' }),
    );
  });

  it('finds an appeal by the number the citizen reads out, official or provisional', async () => {
    const appeals = [
      storedAppeal({ id: 'a-1', provisionalNumber: 'P-7K3M-000001', officialNumber: '1551-2026-000041' }),
      storedAppeal({ id: 'a-2', provisionalNumber: 'P-7K3M-000002', officialNumber: null }),
    ];
    const { user } = await renderApp({ appeals });
    await user.click(screen.getByRole('tab', { name: 'Appeals' }));
    await waitFor(() => expect(screen.getAllByTestId('appeal-row')).toHaveLength(2));
    const search = screen.getByRole('searchbox', { name: 'Search' });
    await user.type(search, 'p-7k3m-000002');
    await waitFor(() => expect(screen.getAllByTestId('appeal-row')).toHaveLength(1));
    expect(screen.getByTestId('appeal-row')).toHaveTextContent('P-7K3M-000002');
    await user.clear(search);
    await user.type(search, '1551-2026-000041');
    await waitFor(() => expect(screen.getByTestId('appeal-row')).toHaveTextContent('1551-2026-000041'));
    expect(screen.getAllByTestId('appeal-row')).toHaveLength(1);
  });

  it('filters by type, overdue and priority through the service', async () => {
    const { user, fake } = await renderApp({ appeals: [storedAppeal()] });
    await user.click(screen.getByRole('tab', { name: 'Appeals' }));
    await screen.findAllByTestId('appeal-row');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Type' }), 'proposal');
    expect(await screen.findByText('No appeals match.')).toBeInTheDocument();
    await user.click(screen.getByRole('checkbox', { name: 'Overdue only' }));
    await user.click(screen.getByRole('checkbox', { name: 'Priority only' }));
    await waitFor(() =>
      expect(fake.callsTo('appeals:list').at(-1)).toMatchObject({
        type: 'proposal',
        onlyOverdue: true,
        onlyPriority: true,
      }),
    );
  });

  it('filters by status', async () => {
    const { user, fake } = await renderApp({
      appeals: [storedAppeal(), storedAppeal({ id: 'a-9', status: 'closed', result: 'done' })],
    });
    await user.click(screen.getByRole('tab', { name: 'Appeals' }));
    expect(await screen.findAllByTestId('appeal-row')).toHaveLength(2);
    await user.click(screen.getByRole('combobox', { name: 'Status' }));
    await user.click(await screen.findByRole('option', { name: 'Closed' }));
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.getAllByTestId('appeal-row')).toHaveLength(1));
    expect(fake.callsTo('appeals:list').at(-1)).toMatchObject({ statuses: ['closed'] });
  });

  it('loads the next page with "Load more" and keeps the rows already shown', async () => {
    const { user } = await renderApp({ appeals: manyAppeals(60) });
    await user.click(screen.getByRole('tab', { name: 'Appeals' }));
    expect(await screen.findAllByTestId('appeal-row')).toHaveLength(50);
    await user.click(screen.getByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(screen.getAllByTestId('appeal-row')).toHaveLength(60));
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();
  });

  it('opens the detail of a row from the keyboard', async () => {
    const { user } = await renderApp({ appeals: [storedAppeal({ benefit: 'war_veteran', priority: true })] });
    await user.click(screen.getByRole('tab', { name: 'Appeals' }));
    const row = (await screen.findAllByTestId('appeal-row'))[0]!;
    within(row).getByRole('button', { name: '1551-2026-000101' }).focus();
    await user.keyboard('{Enter}');
    const dialog = await screen.findByRole('dialog', { name: 'Appeal 1551-2026-000101' });
    expect(await within(dialog).findByText('War veteran')).toBeInTheDocument();
    expect(within(dialog).getByText('ПАТ «Київтеплоенерго»')).toBeInTheDocument();
    expect(within(dialog).getByText('+380442071000')).toBeInTheDocument();
    expect(within(dialog).getByTestId('fact-deadline')).toHaveTextContent(
      /^2 November 2026.* · One month \(Art\. 20\)$/,
    );
  });

  it('puts the essence of the appeal above its details', async () => {
    const { user } = await renderApp({ appeals: [storedAppeal()] });
    await user.click(screen.getByRole('tab', { name: 'Appeals' }));
    await user.click((await screen.findAllByTestId('appeal-row'))[0]!);
    const dialog = await screen.findByRole('dialog', { name: 'Appeal 1551-2026-000101' });
    const essence = await within(dialog).findByText('No hot water for a week');
    for (const label of ['Provisional number', 'Full name', 'Channel', 'Version']) {
      const at = within(dialog).getByText(label);
      expect(essence.compareDocumentPosition(at) & Node.DOCUMENT_POSITION_FOLLOWING, label).toBeTruthy();
    }
  });

  it('shows a newly registered appeal after it is saved', async () => {
    const { user, fake, store } = await renderApp();
    await user.click(screen.getByRole('tab', { name: 'Appeals' }));
    expect(await screen.findByText('No appeals match.')).toBeInTheDocument();
    fake.appeals.push(storedAppeal());
    fake.emit('appeals:changed', { ids: ['a-1'] });
    expect(await screen.findByTestId('appeal-row')).toHaveTextContent('1551-2026-000101');
    expect(store.getState().appeals.ids).toEqual(['a-1']);
  });
});
