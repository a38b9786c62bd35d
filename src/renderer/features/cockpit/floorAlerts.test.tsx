// The floor's alerts (issue 13, FLOOR_LIMITS): each appears on its row and in the header's count
// the second its limit is reached on the server's clock, and not a second before. Fake timers move
// the clock; the board's one interval ticks it.
import { act, screen, waitFor, within } from '@testing-library/react';
import { FLOOR_LIMITS } from '../../../shared/queue/floor';
import { renderApp } from '../../test/renderApp';
import { serverAs } from '../../test/roles';
import { floorAgent, queueSnapshot } from '../../test/fakeFloor';

const T0 = Date.parse('2026-11-23T10:00:00.000Z');
const ago = (seconds: number) => new Date(T0 - seconds * 1000).toISOString();
const alertsOf = (username: string) => screen.getByTestId(`floor-row-${username}`).dataset.alerts;
const tick = (seconds: number) => act(() => vi.advanceTimersByTime(seconds * 1000));

describe('cockpit: alerts at their limits', { timeout: 30_000 }, () => {
  beforeEach(() => {
    // Only the clock and intervals: Testing Library's waits keep their real timeouts.
    vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
    vi.setSystemTime(T0);
  });
  afterEach(() => vi.useRealTimers());

  it('raises break, wrap-up, long call and line alerts at the limit, and a disconnect at once', async () => {
    // Each agent one second before its limit.
    const agents = [
      floorAgent(
        'brk',
        { state: { state: 'break', reason: 'personal' }, since: ago(FLOOR_LIMITS.breakSeconds.personal - 1) },
        T0,
      ),
      floorAgent(
        'lunch',
        { state: { state: 'break', reason: 'lunch' }, since: ago(FLOOR_LIMITS.breakSeconds.lunch - 1) },
        T0,
      ),
      floorAgent(
        'wrap',
        {
          state: { state: 'wrap_up', until: ago(FLOOR_LIMITS.wrapUpOverrunSeconds - 1) },
          since: ago(60),
        },
        T0,
      ),
      floorAgent(
        'talk',
        {
          state: { state: 'on_call', callId: 'c1' },
          since: ago(FLOOR_LIMITS.longCallSeconds - 1),
          call: {
            direction: 'inbound',
            startedAt: ago(FLOOR_LIMITS.longCallSeconds + 4),
            answeredAt: ago(FLOOR_LIMITS.longCallSeconds - 1),
            otherPartyMasked: '•••1234',
          },
        },
        T0,
      ),
      floorAgent('line', { sipRegistered: false, lineDownSince: ago(FLOOR_LIMITS.lineDownSeconds - 1) }, T0),
      floorAgent('desk', {}, T0),
      // Longest in its state, but without an alert it sorts after those with one.
      floorAgent('quiet', { since: ago(7200) }, T0),
    ];
    const { fake } = await renderApp({
      server: serverAs('team_lead'),
      floor: { agents, queue: queueSnapshot({}, T0) },
    });
    await waitFor(() => expect(screen.getByTestId('floor-row-desk')).toBeInTheDocument());
    for (const u of ['brk', 'lunch', 'wrap', 'talk', 'line', 'desk'])
      expect([u, alertsOf(u)]).toEqual([u, '']);
    expect(screen.getByTestId('floor-alert-count')).toHaveAttribute('data-count', '0');
    expect(within(screen.getByTestId('floor-row-line')).getByText('Down')).toBeInTheDocument();

    tick(1);
    expect(alertsOf('brk')).toBe('break_over');
    expect(alertsOf('lunch')).toBe('break_over');
    expect(alertsOf('wrap')).toBe('wrap_up_over');
    expect(alertsOf('talk')).toBe('long_call');
    expect(alertsOf('line')).toBe('line_down');
    expect(alertsOf('desk')).toBe('');
    expect(screen.getByTestId('floor-alert-count')).toHaveTextContent('Alerts: 5');
    expect(within(screen.getByTestId('floor-row-talk')).getByText('Long call')).toBeInTheDocument();
    expect(screen.getByTestId('floor-row-talk')).toHaveTextContent(/in 15:00 •••1234/);

    // A desk whose workstation loses its connection while signed in: at once, whatever the clock.
    act(() => fake.emit('floor:changed', { kind: 'agent', agent: { ...agents[5]!, connected: false } }));
    expect(alertsOf('desk')).toBe('disconnected');
    expect(within(screen.getByTestId('floor-row-desk')).getByText('Disconnected')).toBeInTheDocument();
    expect(screen.getByTestId('floor-alert-count')).toHaveTextContent('Alerts: 6');
    // Alerts sort first: the newest alert is among the first six rows, the quiet ones after.
    const order = within(screen.getByRole('table', { name: 'Floor' }))
      .getAllByTestId(/^floor-row-/)
      .map((r) => r.dataset.alerts);
    expect(order).toHaveLength(7);
    expect(order.slice(0, 6).every((a) => a !== '')).toBe(true);
    expect(order[6]).toBe('');
    // Signed out, a desk without a connection is no alert.
    act(() =>
      fake.emit('floor:changed', {
        kind: 'agent',
        agent: { ...agents[5]!, connected: false, state: { state: 'offline' } },
      }),
    );
    expect(alertsOf('desk')).toBe('');
  });

  it('counts times against the server clock, not this one', async () => {
    // The server is 30 s ahead of this workstation: its snapshot says so.
    const serverNow = T0 + 30_000;
    const agents = [
      floorAgent('brk', {
        state: { state: 'break', reason: 'personal' },
        since: new Date(serverNow - (FLOOR_LIMITS.breakSeconds.personal - 1) * 1000).toISOString(),
      }),
    ];
    await renderApp({
      server: serverAs('team_lead'),
      floor: { agents, queue: queueSnapshot({ waiting: 1, longestSeconds: 40 }, serverNow) },
    });
    await waitFor(() => expect(screen.getByTestId('floor-row-brk')).toBeInTheDocument());
    expect(alertsOf('brk')).toBe('');
    expect(screen.getByTestId('queue-longest-wait')).toHaveTextContent('0:40');
    tick(1);
    expect(alertsOf('brk')).toBe('break_over');
    expect(screen.getByTestId('queue-longest-wait')).toHaveTextContent('0:41');
  });
});
