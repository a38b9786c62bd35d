// The work lists as an analyst uses them (issue 12, item 3): counts on the tabs, rows in the order
// they are served, deadlines marked, keyset "load more", the keyboard, and a refresh when main
// announces a change.
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { Appeal } from '../../../shared/domain';
import { storedAppeal } from '../../test/fixtures';
import { renderApp } from '../../test/renderApp';
import { daysFromToday, kyivToday, serverAs } from '../../test/roles';

const registered = (id: string, overrides: Partial<Appeal> = {}): Appeal =>
  storedAppeal({
    id,
    officialNumber: `1551-2026-${id.padStart(6, '0')}`,
    status: 'registered',
    receivedOn: daysFromToday(-5),
    deadlineOn: daysFromToday(20),
    createdAt: '2026-10-01T09:00:00.000Z',
    ...overrides,
  });
const numbers = () =>
  screen.getAllByTestId('worklist-row').map((r) => /1551-2026-\d{6}/.exec(r.textContent ?? '')?.[0]);
const selected = () =>
  screen.getAllByTestId('worklist-row').find((r) => r.getAttribute('aria-selected') === 'true');

describe('work lists', { timeout: 20_000 }, () => {
  it('serves benefit holders first, then the nearest deadline, and marks overdue and due soon', async () => {
    const appeals = [
      registered('1', { deadlineOn: daysFromToday(10) }),
      registered('2', { deadlineOn: daysFromToday(-2) }),
      registered('3', { deadlineOn: daysFromToday(30), priority: true, benefit: 'war_veteran' }),
      registered('4', { deadlineOn: daysFromToday(2) }),
      registered('5', { status: 'awaiting_control_check' }),
    ];
    await renderApp({ appeals, today: kyivToday(), server: serverAs('analyst') });
    expect(screen.getByRole('tab', { name: 'To assign: 4', selected: true })).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'To check: 1' })).toBeInTheDocument();
    expect(numbers()).toEqual([
      '1551-2026-000003',
      '1551-2026-000002',
      '1551-2026-000004',
      '1551-2026-000001',
    ]);
    const [priority, overdue, soon, later] = screen.getAllByTestId('worklist-row');
    expect(priority).toHaveTextContent('priority');
    expect(within(overdue!).getByText('overdue')).toBeInTheDocument();
    expect(overdue!.querySelector('[data-deadline]')).toHaveAttribute('data-deadline', 'overdue');
    expect(within(soon!).getByText('due soon')).toBeInTheDocument();
    expect(later!.querySelector('[data-deadline]')).toBeNull();
    expect(screen.getByTestId('worklist-shown')).toHaveTextContent('Shown 4 of 4');
  });

  it('moves with ↑ ↓, opens with Enter and switches lists with Alt+digit', async () => {
    const appeals = [
      registered('1', { deadlineOn: daysFromToday(5) }),
      registered('2', { deadlineOn: daysFromToday(6) }),
      registered('3', { status: 'awaiting_control_check' }),
    ];
    const { user } = await renderApp({ appeals, today: kyivToday(), server: serverAs('analyst') });
    expect(selected()).toHaveTextContent('1551-2026-000001');
    await user.keyboard('{ArrowDown}');
    expect(selected()).toHaveTextContent('1551-2026-000002');
    await user.keyboard('{ArrowDown}');
    expect(selected()).toHaveTextContent('1551-2026-000002');
    await user.keyboard('{ArrowUp}');
    expect(selected()).toHaveTextContent('1551-2026-000001');
    await user.keyboard('{Enter}');
    expect(await screen.findByRole('dialog', { name: 'Appeal 1551-2026-000001' })).toBeInTheDocument();
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    // Alt+2 by the key's place, whatever the layout types there.
    fireEvent.keyDown(window, { key: '"', code: 'Digit2', altKey: true });
    expect(await screen.findByRole('tab', { name: 'To check: 1', selected: true })).toBeInTheDocument();
    await waitFor(() => expect(numbers()).toEqual(['1551-2026-000003']));
  });

  it('names the list keys in the shortcuts dialog', async () => {
    const { user } = await renderApp({ server: serverAs('analyst') });
    await user.keyboard('{F1}');
    const dialog = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(dialog).toHaveTextContent('Move in a work list; Enter opens the appeal');
    expect(dialog).toHaveTextContent('Switch to work list 1…9');
    expect(dialog).toHaveTextContent(
      'Callback outcome: 1 confirmed, 2 not solved, 3 no answer, 4 wrong number',
    );
  });

  it('loads the next page with "Load more", keeping the order and the rows shown', async () => {
    const appeals = Array.from({ length: 60 }, (_, i) =>
      registered(String(i + 1), { deadlineOn: daysFromToday(10 + i) }),
    );
    const { user, fake } = await renderApp({ appeals, today: kyivToday(), server: serverAs('analyst') });
    expect(screen.getAllByTestId('worklist-row')).toHaveLength(50);
    expect(screen.getByTestId('worklist-shown')).toHaveTextContent('Shown 50 of 60');
    await user.click(screen.getByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(screen.getAllByTestId('worklist-row')).toHaveLength(60));
    expect(numbers().at(-1)).toBe('1551-2026-000060');
    expect(fake.callsTo('worklists:list').at(-1)).toMatchObject({ list: 'to_assign', cursor: '50' });
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();
  });

  it('reads the list and its count again when main announces a change', async () => {
    const { fake } = await renderApp({
      appeals: [registered('1')],
      today: kyivToday(),
      server: serverAs('analyst'),
    });
    expect(numbers()).toEqual(['1551-2026-000001']);
    act(() => {
      fake.appeals.push(registered('2', { deadlineOn: daysFromToday(1) }));
      fake.emit('appeals:changed', { ids: ['2'] });
    });
    await waitFor(() => expect(numbers()).toEqual(['1551-2026-000002', '1551-2026-000001']));
    expect(screen.getByRole('tab', { name: 'To assign: 2' })).toBeInTheDocument();
  });

  it('shows only overdue appeals when asked', async () => {
    const appeals = [registered('1'), registered('2', { deadlineOn: daysFromToday(-1) })];
    const { user } = await renderApp({ appeals, today: kyivToday(), server: serverAs('analyst') });
    await user.click(screen.getByRole('checkbox', { name: 'Overdue only' }));
    await waitFor(() => expect(numbers()).toEqual(['1551-2026-000002']));
  });

  it("lists the operator's own appeals, newest first, under My recent", async () => {
    const appeals = [
      registered('1', { operatorId: 'operator-1', createdAt: '2026-10-01T09:00:00.000Z' }),
      registered('2', { operatorId: 'operator-1', createdAt: '2026-10-02T09:00:00.000Z', status: 'closed' }),
      registered('3', { operatorId: 'someone-else' }),
    ];
    const { user } = await renderApp({ appeals });
    await user.click(screen.getByRole('tab', { name: 'Work lists' }));
    expect(await screen.findByRole('tab', { name: 'My recent: 2', selected: true })).toBeInTheDocument();
    await waitFor(() => expect(numbers()).toEqual(['1551-2026-000002', '1551-2026-000001']));
    // The keyboard is in the list at once, though the click left it on the top bar's tab.
    await user.keyboard('{ArrowDown}{Enter}');
    expect(await screen.findByRole('dialog', { name: 'Appeal 1551-2026-000001' })).toBeInTheDocument();
  });
});
