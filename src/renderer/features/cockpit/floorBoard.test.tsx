// The team lead's live floor (issue 13): 200 agents on the board, one row following a
// floor:changed event, sorting and filters, setting an agent's state only with a reason (and the
// server's refusal shown as it comes), and the banner when the figures are not live.
import { act, screen, waitFor, within } from '@testing-library/react';
import { renderApp } from '../../test/renderApp';
import { serverAs } from '../../test/roles';
import { floorAgent, floorOf, queueSnapshot } from '../../test/fakeFloor';

const rowOf = (username: string) => screen.getByTestId(`floor-row-${username}`);
const boardRows = () => within(screen.getByRole('table', { name: 'Floor' })).queryAllByTestId(/^floor-row-/);
const usernames = () => boardRows().map((r) => r.dataset.testid!.replace('floor-row-', ''));

describe('cockpit: the live floor', { timeout: 30_000 }, () => {
  it('shows 200 agents and moves one row when floor:changed brings its new state', async () => {
    const agents = floorOf(200);
    const started = performance.now();
    const { fake } = await renderApp({
      server: serverAs('team_lead'),
      floor: { agents, queue: queueSnapshot() },
    });
    await waitFor(() => expect(boardRows()).toHaveLength(200));
    // Measured, not asserted tightly: happy-dom is slower than Chromium.
    console.info(`board with 200 agents shown in ${Math.round(performance.now() - started)} ms (happy-dom)`);
    expect(screen.getByTestId('floor-count')).toHaveTextContent('200 of 200 agents');
    const row = rowOf('op002');
    expect(row).toHaveAttribute('data-state', 'available');
    expect(row).toHaveTextContent('Available');
    expect(rowOf('op001')).toHaveTextContent(/On a call.*in 1:\d\d/);
    expect(rowOf('op001')).toHaveTextContent('•••1000');
    expect(rowOf('op008')).toHaveTextContent('Break: lunch');

    const before = rowOf('op003');
    act(() =>
      fake.emit('floor:changed', {
        kind: 'agent',
        agent: {
          ...agents[1]!,
          state: { state: 'break', reason: 'technical' },
          since: new Date().toISOString(),
        },
      }),
    );
    expect(rowOf('op002')).toHaveAttribute('data-state', 'break');
    expect(rowOf('op002')).toHaveTextContent('Break: technical');
    expect(rowOf('op002')).toHaveTextContent(/Break: technical0:0\d/);
    // The other rows are the same elements: only the changed one was rendered again.
    expect(rowOf('op003')).toBe(before);
    expect(boardRows()).toHaveLength(200);
  });

  it('sorts by any column and filters by state, alerts and name', async () => {
    const now = Date.now();
    const agents = [
      floorAgent('zoya', { name: 'Zoya Avramenko', since: new Date(now - 5 * 60_000).toISOString() }),
      floorAgent('bohdan', {
        name: 'Bohdan Yakovenko',
        state: { state: 'break', reason: 'personal' },
        since: new Date(now - 11 * 60_000).toISOString(),
      }),
      floorAgent('marta', {
        name: 'Marta Levchenko',
        state: { state: 'on_call', callId: 'c1' },
        since: new Date(now - 2 * 60_000).toISOString(),
        call: {
          direction: 'outbound',
          startedAt: new Date(now - 125_000).toISOString(),
          answeredAt: new Date(now - 120_000).toISOString(),
          otherPartyMasked: '•••7788',
        },
      }),
      floorAgent('ivan', {
        name: 'Ivan Hnatiuk',
        state: { state: 'offline' },
        connected: false,
        signedInAt: null,
      }),
    ];
    const { user } = await renderApp({
      server: serverAs('team_lead'),
      floor: { agents, queue: queueSnapshot() },
    });
    await waitFor(() => expect(boardRows()).toHaveLength(4));
    // Alerts first (a personal break over 10 minutes), then the longest in their state.
    expect(usernames()[0]).toBe('bohdan');
    expect(screen.getByTestId('floor-alert-count')).toHaveTextContent('Alerts: 1');
    expect(within(rowOf('bohdan')).getByText('Break over limit')).toBeInTheDocument();

    const table = screen.getByRole('table', { name: 'Floor' });
    await user.click(within(table).getByRole('button', { name: 'Agent' }));
    expect(usernames()).toEqual(['bohdan', 'ivan', 'marta', 'zoya']);
    expect(within(table).getByRole('columnheader', { name: 'Agent' })).toHaveAttribute(
      'aria-sort',
      'ascending',
    );
    await user.click(within(table).getByRole('button', { name: 'Agent' }));
    expect(usernames()).toEqual(['zoya', 'marta', 'ivan', 'bohdan']);
    await user.click(within(table).getByRole('button', { name: 'Call' }));
    expect(usernames()[0]).toBe('marta');
    await user.click(within(table).getByRole('button', { name: 'In state' }));
    expect(usernames()).toEqual(['bohdan', 'zoya', 'marta', 'ivan']);
    await user.click(within(table).getByRole('button', { name: 'State' }));
    expect(usernames()).toEqual(['marta', 'zoya', 'bohdan', 'ivan']);

    await user.type(screen.getByRole('textbox', { name: 'Find by name' }), 'lev');
    expect(usernames()).toEqual(['marta']);
    expect(screen.getByTestId('floor-count')).toHaveTextContent('1 of 4 agents');
    await user.clear(screen.getByRole('textbox', { name: 'Find by name' }));
    await user.click(screen.getByRole('combobox', { name: 'State' }));
    await user.click(await screen.findByRole('option', { name: 'Break' }));
    expect(usernames()).toEqual(['bohdan']);
    await user.click(screen.getByRole('combobox', { name: 'State' }));
    await user.click(await screen.findByRole('option', { name: 'All states' }));
    await user.click(screen.getByRole('checkbox', { name: 'Alerts only' }));
    expect(usernames()).toEqual(['bohdan']);
  });

  it('sets a state only with a reason, and shows the server refusing one during a call', async () => {
    const agents = [
      floorAgent('oksana', { name: 'Oksana Bondar', state: { state: 'break', reason: 'lunch' } }),
      floorAgent('petro', { name: 'Petro Kravets', state: { state: 'on_call', callId: 'c1' } }),
    ];
    const { user, fake } = await renderApp({ server: serverAs('team_lead'), floor: { agents, queue: null } });
    await waitFor(() => expect(boardRows()).toHaveLength(2));
    await user.click(screen.getByRole('button', { name: 'Set the state of Oksana Bondar' }));
    const dialog = await screen.findByRole('dialog', { name: 'Set the state of Oksana Bondar' });
    expect(within(dialog).getByText('Now: Break: lunch')).toBeInTheDocument();
    expect(within(dialog).getByRole('radio', { name: 'Available' })).toBeChecked();
    await user.click(within(dialog).getByRole('button', { name: 'Set state' }));
    expect(
      within(dialog).getByText('Give a reason: it is recorded and shown to the agent.'),
    ).toBeInTheDocument();
    expect(fake.callsTo('floor:setAgentState')).toEqual([]);
    await user.type(
      within(dialog).getByRole('textbox', { name: /Reason/ }),
      'Break ran long, queue is building',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Set state' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(fake.callsTo('floor:setAgentState')).toEqual([
      { userId: 'u-oksana', state: { state: 'available' }, reason: 'Break ran long, queue is building' },
    ]);
    expect(rowOf('oksana')).toHaveAttribute('data-state', 'available');
    expect(await screen.findByText('State of Oksana Bondar set to Available.')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Set the state of Petro Kravets' }));
    const second = await screen.findByRole('dialog', { name: 'Set the state of Petro Kravets' });
    expect(within(second).getByRole('radio', { name: 'Break' })).toBeChecked();
    await user.click(within(second).getByRole('combobox', { name: 'Break reason' }));
    await user.click(await screen.findByRole('option', { name: 'meeting' }));
    await user.type(within(second).getByRole('textbox', { name: /Reason/ }), 'Team meeting');
    await user.click(within(second).getByRole('button', { name: 'Set state' }));
    expect(await within(second).findByTestId('override-refusal')).toHaveTextContent(
      'The agent is on a call: a call in progress is never broken. Set the state once it ends.',
    );
    expect(fake.callsTo('floor:setAgentState').at(-1)).toMatchObject({
      state: { state: 'break', reason: 'meeting' },
    });
    expect(rowOf('petro')).toHaveAttribute('data-state', 'on_call');
  });

  it('says the figures are not live and as of when, and catches up when the channel is back', async () => {
    const { fake } = await renderApp({
      server: serverAs('team_lead'),
      floor: { agents: [floorAgent('oksana')], queue: queueSnapshot({ waiting: 2 }), live: false },
    });
    const banner = await screen.findByTestId('floor-live-banner');
    expect(banner).toHaveTextContent(/^Not live: figures as of \d\d:\d\d\./);
    // The last figures stay on screen.
    expect(screen.getByTestId('queue-waiting-now')).toHaveTextContent('2');
    const snapshots = fake.callsTo('floor:snapshot').length;
    act(() => fake.emit('floor:changed', { kind: 'live', live: true }));
    await waitFor(() => expect(screen.queryByTestId('floor-live-banner')).not.toBeInTheDocument());
    await waitFor(() => expect(fake.callsTo('floor:snapshot').length).toBe(snapshots + 1));
    act(() => fake.emit('floor:changed', { kind: 'live', live: false }));
    expect(await screen.findByTestId('floor-live-banner')).toBeInTheDocument();
  });
});
