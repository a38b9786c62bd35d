// The cockpit's queue and the day in figures (issue 13): the tiles and the waiting list from a
// QueueSnapshot, the charts drawn from a DayMetrics (their SVG holds the bars and points), the day
// picker asking metrics:day for the chosen day, and a past day's figures needing the server.
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { renderApp } from '../../test/renderApp';
import { serverAs } from '../../test/roles';
import { dayMetrics, floorAgent, queueSnapshot } from '../../test/fakeFloor';
import { storedAppeal } from '../../test/fixtures';
import { localDateOf } from '../../../shared/domain/localDate';

const today = () => localDateOf(new Date(), 'Europe/Kyiv');

const figures = (day: string) =>
  dayMetrics({
    day,
    hours: { '09:00': [12, 10, 2], '09:15': [8, 8, 0], '10:30': [5, 3, 1] },
    categoryGroups: [
      { groupId: 'g-heat', name: 'Теплопостачання', day: 14, weekBefore: 9 },
      { groupId: 'g-roads', name: 'Дороги', day: 3, weekBefore: 6 },
    ],
    operators: [
      {
        userId: 'u-op001',
        username: 'op001',
        name: 'Agent op001',
        calls: 18,
        ahtSeconds: 245,
        breaks: 2,
        breakSeconds: 1800,
        appealsRegistered: 11,
      },
    ],
  });

/** The SVG bars a BarChart drew (one per value, empty ones included). */
const barsIn = (testId: string) => [
  ...screen.getByTestId(testId).querySelectorAll('svg rect.MuiBarChart-element'),
];
/** The bars' heights (vertical) or widths (horizontal) that are not zero, in drawing order. */
const drawn = (testId: string, size: 'height' | 'width') =>
  barsIn(testId)
    .map((b) => Number(b.getAttribute(size)))
    .filter((n) => n > 0);

describe('cockpit: queue and the day in figures', { timeout: 30_000 }, () => {
  it('shows the queue tiles and the waiting list from the queue snapshot', async () => {
    // A still clock: the waits read exactly what the snapshot says, however slow the machine.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.parse('2026-11-23T10:00:00.000Z'));
    onTestFinished(() => {
      vi.useRealTimers();
    });
    await renderApp({
      server: serverAs('team_lead'),
      floor: {
        agents: [floorAgent('op002', { name: 'Oksana Bondar' })],
        queue: queueSnapshot({ waiting: 3, offered: 1, longestSeconds: 95 }),
      },
    });
    await waitFor(() => expect(screen.getByTestId('queue-waiting-now')).toHaveTextContent('3'));
    expect(screen.getByTestId('queue-longest-wait')).toHaveTextContent(/^1:35$/);
    expect(screen.getByTestId('queue-offered-today')).toHaveTextContent('120');
    expect(screen.getByTestId('queue-answered-today')).toHaveTextContent('104');
    expect(screen.getByTestId('queue-abandoned-today')).toHaveTextContent('9');
    expect(screen.getByTestId('queue-service-level')).toHaveTextContent('83%');
    expect(screen.getByText('answered within 20 s')).toBeInTheDocument();
    expect(screen.getByTestId('queue-asa')).toHaveTextContent('14 s');
    const list = screen.getByTestId('queue-waiting-list');
    const rows = within(list).getAllByTestId('queue-entry');
    expect(rows.map((r) => [...r.querySelectorAll('td')].map((c) => c.textContent))).toEqual([
      ['1', '•••4500', 'benefit holder', expect.stringMatching(/^1:35$/), 'Oksana Bondar'],
      ['2', '•••4501', '—', expect.stringMatching(/^1:25$/), '—'],
      ['3', '•••4502', '—', expect.stringMatching(/^1:15$/), '—'],
    ]);
    expect(rows[0]).toHaveAttribute('data-state', 'offered');
    // The sparkline starts from the snapshot's sample.
    expect(Number(screen.getByTestId('queue-sparkline').dataset.points)).toBeGreaterThanOrEqual(1);
  });

  it('draws the calls, service level, category groups and backlog charts from the figures', async () => {
    const day = today();
    await renderApp({
      appeals: [
        storedAppeal({ id: 'late', status: 'assigned', executorId: 'e-teplo', deadlineOn: '2020-01-01' }),
      ],
      server: serverAs('team_lead'),
      floor: { agents: [], queue: queueSnapshot(), days: { [day]: figures(day) }, today: day },
    });
    await waitFor(() => expect(barsIn('chart-calls-by-interval').length).toBeGreaterThan(0));
    // 09:00..10:30 with an hour either side: 8 + 2 * 4 - 1 intervals (08:00..11:30), three series each.
    const intervals = (11.5 - 8) * 4 + 1;
    expect(barsIn('chart-calls-by-interval')).toHaveLength(intervals * 3);
    // Offered 12, 8, 5; answered 10, 8, 3; abandoned 2, 1: eight bars with a height, the tallest first.
    const heights = drawn('chart-calls-by-interval', 'height');
    expect(heights).toHaveLength(8);
    expect(Math.max(...heights)).toBe(heights[0]);
    const calls = screen.getByTestId('chart-calls-by-interval');
    expect(within(calls).getByText('08:00')).toBeInTheDocument();
    expect(within(calls).getByText('Offered')).toBeInTheDocument();
    // The service level line goes through a mark per interval that had calls leave the queue.
    const sl = screen.getByTestId('chart-service-level');
    expect(sl.querySelector('svg path.MuiLineChart-line')).not.toBeNull();
    expect(sl.querySelectorAll('svg circle.MuiLineChart-mark')).toHaveLength(3);
    // Two groups, this day and a week before: four bars, 14 the longest.
    expect(barsIn('chart-category-groups')).toHaveLength(4);
    const widths = drawn('chart-category-groups', 'width');
    expect(Math.max(...widths)).toBe(widths[0]);
    expect(
      within(screen.getByTestId('chart-category-groups')).getByText('Same weekday last week'),
    ).toBeInTheDocument();
    // One executor with one overdue appeal: an overdue bar with a width, a due-soon bar without.
    await waitFor(() => expect(barsIn('chart-backlog-by-executor')).toHaveLength(2));
    expect(drawn('chart-backlog-by-executor', 'width')).toHaveLength(1);
    expect(screen.getByTestId('metrics-totals')).toHaveTextContent('Offered 25, answered 21, abandoned 3');
    const op = screen.getByTestId('operator-row-op001');
    expect([...op.querySelectorAll('td')].map((c) => c.textContent)).toEqual([
      'Agent op001',
      '18',
      '4 min 5 s',
      '2',
      '30 min 0 s',
      '11',
    ]);
  });

  it('asks metrics:day for the day picked, and says a past day needs the server when it is out of reach', async () => {
    const day = today();
    const { fake } = await renderApp({
      server: serverAs('team_lead'),
      floor: {
        agents: [],
        queue: queueSnapshot(),
        days: { '2026-11-20': figures('2026-11-20') },
        today: day,
      },
    });
    await waitFor(() => expect(fake.callsTo('metrics:day')).toEqual([{}]));
    const picker = screen.getByTestId('metrics-day');
    fireEvent.change(picker, { target: { value: '2026-11-20' } });
    await waitFor(() => expect(fake.callsTo('metrics:day').at(-1)).toEqual({ day: '2026-11-20' }));
    expect(await screen.findByTestId('metrics-as-of')).toHaveTextContent(/Figures of 20\/11\/2026/);
    await waitFor(() => expect(barsIn('chart-calls-by-interval').length).toBeGreaterThan(0));

    fake.floor.setOffline(true);
    fireEvent.change(picker, { target: { value: '2026-11-19' } });
    expect(await screen.findByTestId('metrics-error')).toHaveTextContent(
      'Figures for 19/11/2026 need the server, which cannot be reached now.',
    );
    // No chart passes the other day's figures off as this day's.
    expect(screen.queryByTestId('chart-calls-by-interval')).not.toBeInTheDocument();
  });
});

describe('cockpit: what runs on its own', { timeout: 30_000 }, () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] }));
  afterEach(() => vi.useRealTimers());

  it("reads today's figures again every minute and samples the waiting count every 5 s", async () => {
    const { fake } = await renderApp({
      server: serverAs('team_lead'),
      floor: { agents: [], queue: queueSnapshot({ waiting: 2 }) },
    });
    await waitFor(() => expect(fake.callsTo('metrics:day')).toHaveLength(1));
    const points = () => Number(screen.getByTestId('queue-sparkline').dataset.points);
    const first = points();
    act(() => vi.advanceTimersByTime(5000));
    expect(points()).toBe(first + 1);
    act(() => vi.advanceTimersByTime(55_000));
    await waitFor(() => expect(fake.callsTo('metrics:day')).toHaveLength(2));
    expect(fake.callsTo('metrics:day')[1]).toEqual({});
    // Fifteen minutes of samples at most: the oldest leave the sparkline.
    act(() => vi.advanceTimersByTime(20 * 60_000));
    expect(points()).toBeLessThanOrEqual(15 * 12 + 1);
  });
});
