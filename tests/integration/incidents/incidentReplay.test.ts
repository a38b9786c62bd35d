// The replay (npm run replay:incidents) on a sample of the Kyiv 1551 dev data, as CI runs it: the
// detector's rules form incidents from real appeals in time order, quickly, and the labelled sample's
// incidents that fall in the slice are formed as they were labelled. The full run is in the
// benchmark and scripts/incidents/README.md.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_INCIDENT_RULES, distanceMeters } from '../../../src/shared/incidents/detect';
import { precisionOn, readLabels } from '../../../scripts/incidents/labels';
import { groupsByTypeName, readFile, replay } from '../../../scripts/incidents/replayCore';

const DATA = resolve(process.cwd(), '../shared/data/kyiv1551/appeals-dev.jsonl.gz');
const LABELS = join(process.cwd(), 'tests', 'fixtures', 'incidents', 'labelled.jsonl');
const SAMPLE_LINES = 25_000;

describe('the incident replay on a sample of the dev data', () => {
  if (!existsSync(DATA)) console.warn(`${DATA} is absent: the replay sample test is skipped`);

  it.skipIf(!existsSync(DATA))('forms incidents that keep the rules, in seconds', async () => {
    const started = performance.now();
    const read = await readFile(DATA, groupsByTypeName(), SAMPLE_LINES);
    const incidents = replay(read.appeals, DEFAULT_INCIDENT_RULES);
    const seconds = (performance.now() - started) / 1000;
    // Every line is accounted for; repeated ids (the data set has some) are taken once.
    expect(
      read.appeals.length + read.duplicates + read.unknownCategory + read.malformed + read.unplaced,
    ).toBe(SAMPLE_LINES);
    expect(read.appeals.length).toBeGreaterThan(SAMPLE_LINES * 0.9);
    expect(seconds).toBeLessThan(30);
    expect(incidents.length).toBeGreaterThan(50);
    const byId = new Map(read.appeals.map((a) => [a.id, a]));
    const windowMs = DEFAULT_INCIDENT_RULES.windowMinutes * 60_000;
    for (const incident of incidents) {
      const members = incident.appealIds.map((id) => byId.get(id)!);
      expect(members.length).toBeGreaterThanOrEqual(DEFAULT_INCIDENT_RULES.minAppeals);
      expect(new Set(members.map((m) => m.groupId))).toEqual(new Set([incident.groupId]));
      // Each appeal came within the window of the one before it and within the radius of the place.
      for (let i = 1; i < members.length; i++)
        expect(members[i]!.createdAtMs - members[i - 1]!.createdAtMs).toBeLessThanOrEqual(windowMs);
      for (const m of members)
        expect(distanceMeters(m.lat!, m.lon!, incident.lat, incident.lon)).toBeLessThanOrEqual(
          2 * DEFAULT_INCIDENT_RULES.radiusMeters,
        );
    }
    // No appeal in two incidents.
    const all = incidents.flatMap((i) => i.appealIds);
    expect(new Set(all).size).toBe(all.length);
    // The labelled incidents of this slice are formed exactly as labelled.
    const labels = readLabels(LABELS);
    const inSlice = labels.filter((l) => l.appeals.every((id) => byId.has(id)));
    expect(inSlice.length).toBeGreaterThan(0);
    expect(precisionOn(incidents, inSlice).matched).toBe(inSlice.length);
  });
});

describe('the labelled sample', () => {
  it('is well-formed: 40 incidents, each with a reason', () => {
    const labels = readLabels(LABELS);
    expect(labels).toHaveLength(40);
    for (const l of labels) expect(l.why.length).toBeGreaterThan(5);
  });
});
