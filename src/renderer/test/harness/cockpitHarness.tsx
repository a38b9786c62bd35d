// A throwaway page for looking at the team lead's cockpit in Chromium without a server: the app
// over the fake Api with a busy floor (200 agents), a queue and a day of figures. Built by
// tests/e2e/support/cockpitShots.ts (vite build of this folder) for the 1366x768 and 1920x1080
// screenshots; `?locale=en` picks the language.
import '@fontsource/roboto/latin-400.css';
import '@fontsource/roboto/latin-500.css';
import '@fontsource/roboto/cyrillic-400.css';
import '@fontsource/roboto/cyrillic-500.css';
import '@fontsource/roboto/cyrillic-ext-400.css';
import '@fontsource/roboto/cyrillic-ext-500.css';
import { createRoot } from 'react-dom/client';
import type { Locale } from '../../../shared/domain/i18nText';
import { localDateOf } from '../../../shared/domain/localDate';
import type { AgentSnapshot } from '../../../shared/softphone/agent';
import { ok } from '../../../shared/result';
import { App } from '../../app/App';
import { AppProviders } from '../../app/AppProviders';
import { startApp } from '../../app/startApp';
import { alwaysConnected } from '../../app/webApi';
import { createFakeApi } from '../fakeApi';
import { dayMetrics, floorAgent, queueSnapshot } from '../fakeFloor';
import { classifier, executors } from '../fixtures';
import { serverAs } from '../roles';

const params = new URLSearchParams(location.search);
const locale = (params.get('locale') ?? 'uk') as Locale;
const live = params.get('live') !== 'false';
const now = Date.now();
const ago = (s: number) => new Date(now - s * 1000).toISOString();

const FIRST = [
  'Оксана',
  'Петро',
  'Марта',
  'Богдан',
  'Ірина',
  'Андрій',
  'Наталія',
  'Василь',
  'Олена',
  'Тарас',
];
const LAST = [
  'Бондар',
  'Кравець',
  'Левченко',
  'Мельник',
  'Шевчук',
  'Ковальчук',
  'Ткаченко',
  'Гнатюк',
  'Савчук',
  'Руденко',
];
// A deterministic spread of states, so every screenshot shows the same floor.
let seed = 7;
const rand = () => (seed = (seed * 16807) % 2147483647) / 2147483647;

const agents: AgentSnapshot[] = Array.from({ length: 200 }, (_, i) => {
  const username = `op${String(i + 1).padStart(3, '0')}`;
  const name = `${FIRST[i % 10]} ${LAST[Math.floor(i / 10) % 10]}`;
  const r = rand();
  const base = { name, signedInAt: ago(3600 * (1 + (i % 5))) };
  const masked = `•••${String(1000 + Math.floor(rand() * 9000))}`;
  if (r < 0.4) {
    const talk = i % 37 === 0 ? 16 * 60 + i : Math.floor(rand() * 600) + 20;
    return floorAgent(
      username,
      {
        ...base,
        state: { state: 'on_call', callId: `c${i}` },
        since: ago(talk),
        call: {
          direction: i % 6 === 0 ? 'outbound' : 'inbound',
          startedAt: ago(talk + 6),
          answeredAt: ago(talk),
          otherPartyMasked: masked,
        },
      },
      now,
    );
  }
  if (r < 0.45)
    return floorAgent(
      username,
      {
        ...base,
        state: { state: 'ringing', callId: `c${i}` },
        since: ago(4),
        call: { direction: 'inbound', startedAt: ago(4), answeredAt: null, otherPartyMasked: masked },
      },
      now,
    );
  if (r < 0.55)
    return floorAgent(
      username,
      { ...base, state: { state: 'wrap_up', until: ago(i % 4 === 0 ? 50 : -20) }, since: ago(40) },
      now,
    );
  if (r < 0.65) {
    const reason = (['lunch', 'personal', 'technical', 'training', 'meeting'] as const)[i % 5]!;
    return floorAgent(
      username,
      { ...base, state: { state: 'break', reason }, since: ago(i % 3 === 0 ? 3000 : 300) },
      now,
    );
  }
  if (r < 0.78)
    return floorAgent(
      username,
      {
        state: { state: 'offline' },
        name,
        connected: false,
        sipRegistered: false,
        signedInAt: null,
        since: ago(7200),
      },
      now,
    );
  if (i % 29 === 0)
    return floorAgent(username, { ...base, sipRegistered: false, lineDownSince: ago(25) }, now);
  if (i % 31 === 0) return floorAgent(username, { ...base, connected: false }, now);
  return floorAgent(username, { ...base, since: ago(Math.floor(rand() * 300)) }, now);
});

const today = localDateOf(new Date(now), 'Europe/Kyiv');
const hours: Record<string, [number, number, number]> = {};
const hourNow = Number(
  new Intl.DateTimeFormat('en-GB', { hour: 'numeric', hourCycle: 'h23', timeZone: 'Europe/Kyiv' }).format(
    now,
  ),
);
for (let h = 8; h <= Math.max(12, hourNow); h++)
  for (const m of [0, 15, 30, 45]) {
    const offered = Math.round(30 + 25 * Math.sin(((h - 8) * 4 + m / 15) / 6) + rand() * 10);
    const abandoned = Math.round(offered * (0.04 + rand() * 0.08));
    hours[`${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`] = [
      offered,
      offered - abandoned - 1,
      abandoned,
    ];
  }
const groups = [
  ['g-housing', 'Житлово-комунальне господарство', 412, 380],
  ['g-transport', 'Транспорт', 96, 120],
  ['g-heat', 'Теплопостачання', 233, 150],
  ['g-roads', 'Дороги і благоустрій', 140, 133],
  ['g-social', 'Соціальний захист', 88, 91],
  ['g-water', 'Водопостачання', 61, 77],
] as const;
const metrics = dayMetrics({
  day: today,
  hours,
  categoryGroups: groups.map(([groupId, name, day, weekBefore]) => ({ groupId, name, day, weekBefore })),
  operators: agents.slice(0, 40).map((a, i) => ({
    userId: a.userId,
    username: a.username,
    name: a.name,
    calls: 20 + ((i * 7) % 25),
    ahtSeconds: 180 + ((i * 13) % 120),
    breaks: 1 + (i % 3),
    breakSeconds: 900 + ((i * 97) % 1800),
    appealsRegistered: 8 + ((i * 5) % 17),
  })),
});
metrics.asOf = new Date(now).toISOString();

const fake = createFakeApi({
  settings: { locale, theme: 'light' },
  classifier: classifier(),
  executors: executors(),
  today,
  server: serverAs('team_lead'),
  floor: {
    agents,
    queue: queueSnapshot(
      {
        waiting: 7,
        offered: 1,
        longestSeconds: 142,
        today: { offered: 1482, answered: 1361, abandoned: 97 },
      },
      now,
    ),
    live,
    days: { [today]: metrics },
    today,
  },
  overrides: {
    'worklists:backlog': () =>
      ok({
        rows: [
          { executorId: 'e-teplo', open: 140, dueSoon: 31, overdue: 12 },
          { executorId: 'e-zhek', open: 88, dueSoon: 17, overdue: 4 },
          { executorId: 'e-lift', open: 61, dueSoon: 9, overdue: 15 },
          { executorId: 'e-transport', open: 25, dueSoon: 3, overdue: 0 },
          { executorId: 'e-roads', open: 47, dueSoon: 11, overdue: 6 },
        ],
        asOf: new Date(now).toISOString(),
      }),
  },
});

// The screenshot script moves an agent through it to time the board's update.
(window as unknown as { cockpitFake: typeof fake }).cockpitFake = fake;
const started = performance.now();
const store = startApp(fake.api, alwaysConnected);
createRoot(document.getElementById('root')!).render(
  <AppProviders store={store}>
    <App />
  </AppProviders>,
);
// The screenshot script reads how long the cockpit took: the floor in the store, its 200 rows on
// screen, and the calls chart's bars drawn.
const marks = document.body.dataset;
const unsubscribe = store.subscribe(() => {
  if (store.getState().floor.status === 'loaded' && !marks.floorLoadedMs) {
    marks.floorLoadedMs = String(Math.round(performance.now() - started));
    unsubscribe();
  }
});
const done = setInterval(() => {
  const rows = document.querySelectorAll('[data-testid^="floor-row-"]').length;
  const bars = document.querySelectorAll(
    '[data-testid="chart-calls-by-interval"] rect.MuiBarChart-element',
  ).length;
  if (rows === 200 && !marks.rowsMs) marks.rowsMs = String(Math.round(performance.now() - started));
  if (bars > 0 && !marks.barsMs) marks.barsMs = String(Math.round(performance.now() - started));
  if (marks.rowsMs && marks.barsMs) {
    clearInterval(done);
    marks.firstRenderMs = String(Math.round(performance.now() - started));
  }
}, 5);
