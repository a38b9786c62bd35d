// `npm run replay:incidents -- --data PATH`: plays a JSONL(.gz) file of appeals (the shape of
// ../shared/data/kyiv1551/appeals-dev.jsonl.gz) through the mass-incident detector's rules in time
// order, prints the incidents found and their precision on the hand-labelled sample
// (tests/fixtures/incidents/labelled.jsonl). Flags: --min N, --window MINUTES, --radius METRES (the
// server's INCIDENT_* settings), --limit LINES, --show N (incidents listed, largest first; default
// 30), --labels PATH, --dump PATH --sample N (writes N incidents with their appeals' texts to PATH,
// outside the repository, for labelling by hand). See scripts/incidents/README.md.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_INCIDENT_RULES, type IncidentRules } from '../../src/shared/incidents/detect';
import { precisionOn, readLabels, type Precision } from './labels';
import { groupsByTypeName, readFile, replay, type ReplayIncident } from './replayCore';
import { dumpForLabelling } from './dump';

const { values } = parseArgs({
  options: {
    data: { type: 'string' },
    min: { type: 'string' },
    window: { type: 'string' },
    radius: { type: 'string' },
    limit: { type: 'string' },
    show: { type: 'string' },
    labels: { type: 'string' },
    dump: { type: 'string' },
    sample: { type: 'string' },
  },
});

const DEFAULT_LABELS = join(process.cwd(), 'tests', 'fixtures', 'incidents', 'labelled.jsonl');

function positive(text: string | undefined, fallback: number, name: string): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer, not "${text}"`);
  return n;
}

async function main(): Promise<void> {
  const data = values.data;
  if (!data)
    throw new Error('Usage: npm run replay:incidents -- --data PATH [--min N --window MIN --radius M]');
  if (!existsSync(data)) throw new Error(`No file ${data}`);
  const rules: IncidentRules = {
    minAppeals: positive(values.min, DEFAULT_INCIDENT_RULES.minAppeals, 'min'),
    windowMinutes: positive(values.window, DEFAULT_INCIDENT_RULES.windowMinutes, 'window'),
    radiusMeters: positive(values.radius, DEFAULT_INCIDENT_RULES.radiusMeters, 'radius'),
  };
  const started = performance.now();
  const groups = groupsByTypeName();
  const read = await readFile(data, groups, positive(values.limit, Number.MAX_SAFE_INTEGER, 'limit'));
  const readMs = performance.now() - started;
  const incidents = replay(read.appeals, rules);
  const totalMs = performance.now() - started;

  console.log(
    `Replayed ${read.appeals.length.toLocaleString('en')} appeals (${read.duplicates} repeated ids taken once, ` +
      `${read.malformed} malformed, ` +
      `${read.unknownCategory} of unknown question types, ${read.unplaced} without coordinates skipped) ` +
      `with min ${rules.minAppeals}, window ${rules.windowMinutes} min, radius ${rules.radiusMeters} m`,
  );
  printIncidents(incidents, positive(values.show, 30, 'show'));
  const inIncidents = incidents.reduce((n, i) => n + i.appealIds.length, 0);
  console.log(
    `\n${incidents.length.toLocaleString('en')} incidents holding ${inIncidents.toLocaleString('en')} appeals` +
      ` (${((100 * inIncidents) / Math.max(1, read.appeals.length)).toFixed(1)}%)`,
  );
  console.log(
    `Replay time: ${(totalMs / 1000).toFixed(2)} s (reading ${(readMs / 1000).toFixed(2)} s, ` +
      `detecting ${((totalMs - readMs) / 1000).toFixed(2)} s; target <= 60 s for the 106k dev appeals)`,
  );
  const labelsFile = values.labels ?? DEFAULT_LABELS;
  if (existsSync(labelsFile)) printPrecision(precisionOn(incidents, readLabels(labelsFile)), labelsFile);
  else console.log(`No labelled sample at ${labelsFile}: precision not measured`);
  if (values.dump) {
    const n = await dumpForLabelling(data, incidents, values.dump, positive(values.sample, 40, 'sample'));
    console.log(`Wrote ${n} incidents with their appeals' texts to ${values.dump} for labelling`);
  }
}

function printIncidents(incidents: readonly ReplayIncident[], show: number): void {
  const largest = [...incidents].sort(
    (a, b) => b.appealIds.length - a.appealIds.length || a.firstAtMs - b.firstAtMs,
  );
  console.log(`\nsize  group                          place                   first               last`);
  for (const i of largest.slice(0, show)) {
    console.log(
      `${String(i.appealIds.length).padStart(4)}  ${i.groupId.padEnd(30)} ${i.placeKey.padEnd(23)} ${i.firstAt.padEnd(19)} ${i.lastAt}`,
    );
  }
  if (largest.length > show) console.log(`… and ${largest.length - show} more (--show N)`);
}

function printPrecision(p: Precision, file: string): void {
  console.log(
    `Precision on the labelled sample (${file}): ${p.truePositives} of ${p.matched} labelled incidents found are ` +
      `one real incident = ${(100 * p.precision).toFixed(1)}% (${p.labelled} labelled; ${p.labelled - p.matched} ` +
      'not formed identically with these settings and not counted)',
  );
}

main().catch((error: unknown) => {
  console.error((error as Error).message);
  process.exitCode = 1;
});
