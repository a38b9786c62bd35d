import { describe, expect, it } from 'vitest';
import { DEFAULT_INCIDENT_RULES } from '../../src/shared/incidents/detect';
import { precisionOn } from './labels';
import { addLine, emptyRead, instantMs, replay } from './replayCore';

const groups = new Map([
  ['Не працює пасажирський ліфт', 'g-housing-lifts'],
  ['Відсутність ГВП', 'g-housing-hot-water'],
]);

/** ~55 m north per 0.0005 degrees of latitude. */
function lines(rows: [string, string, string, number, number][]): string[] {
  return rows.map(([id, createdAt, category, lat, lon]) =>
    JSON.stringify({ id, createdAt, category, executor: 'x', status: 'x', lat, lon, text: 't', replies: 0 }),
  );
}

function read(rows: string[]) {
  const result = emptyRead();
  rows.forEach((line, i) => addLine(result, line, groups, i));
  return result;
}

const LIFT = 'Не працює пасажирський ліфт';
const WATER = 'Відсутність ГВП';

describe('the replay', () => {
  it('forms an incident of three appeals of one group within the radius and the window, in time order', () => {
    const input = read(
      lines([
        ['c', '2014-01-01 11:00:00', LIFT, 50.451, 30.5],
        ['a', '2014-01-01 10:00:00', LIFT, 50.45, 30.5],
        ['b', '2014-01-01 10:30:00', LIFT, 50.4505, 30.5],
        // Joins the open incident: within the window of its last appeal.
        ['d', '2014-01-01 12:55:00', LIFT, 50.4502, 30.5001],
        // Another group at the same place, and the same group 2 km away: neither joins.
        ['e', '2014-01-01 11:10:00', WATER, 50.45, 30.5],
        ['f', '2014-01-01 11:10:00', LIFT, 50.47, 30.5],
      ]),
    );
    const incidents = replay(input.appeals, DEFAULT_INCIDENT_RULES);
    expect(incidents).toHaveLength(1);
    expect(incidents[0]).toMatchObject({
      groupId: 'g-housing-lifts',
      appealIds: ['a', 'b', 'c', 'd'],
      firstAt: '2014-01-01 10:00:00',
      lastAt: '2014-01-01 12:55:00',
    });
  });

  it('forms nothing below the threshold or when the appeals are further apart than the window', () => {
    const input = read(
      lines([
        ['a', '2014-01-01 10:00:00', LIFT, 50.45, 30.5],
        ['b', '2014-01-01 13:00:00', LIFT, 50.45, 30.5],
        ['c', '2014-01-01 16:00:00', LIFT, 50.45, 30.5],
        ['d', '2014-01-01 16:30:00', LIFT, 50.452, 30.5],
      ]),
    );
    expect(replay(input.appeals, DEFAULT_INCIDENT_RULES)).toEqual([]);
    expect(replay(input.appeals, { ...DEFAULT_INCIDENT_RULES, windowMinutes: 400 })).toHaveLength(1);
  });

  it('counts malformed lines, unknown question types and missing coordinates instead of failing', () => {
    const input = read([
      'not json',
      JSON.stringify({ id: 'x', createdAt: 'yesterday', category: LIFT, lat: 1, lon: 1 }),
      ...lines([['u', '2014-01-01 10:00:00', '@ Невідомий тип', 50.45, 30.5]]),
      JSON.stringify({ id: 'n', createdAt: '2014-01-01 10:00:00', category: LIFT, lat: null, lon: null }),
      '',
    ]);
    expect(input).toMatchObject({ malformed: 2, unknownCategory: 1, unplaced: 1, appeals: [] });
  });

  it('takes an appeal delivered twice (the same id) once', () => {
    const row: [string, string, string, number, number] = ['a', '2014-01-01 10:00:00', LIFT, 50.45, 30.5];
    const input = read(lines([row, row, ['b', '2014-01-01 10:01:00', LIFT, 50.45, 30.5], row]));
    expect(input.appeals.map((a) => a.id)).toEqual(['a', 'b']);
    expect(input.duplicates).toBe(2);
    expect(replay(input.appeals, DEFAULT_INCIDENT_RULES)).toEqual([]);
  });

  it('reads the data set’s local times and ISO instants alike', () => {
    expect(instantMs('2014-01-01 10:00:00')).toBe(Date.parse('2014-01-01T10:00:00Z'));
    expect(instantMs('2014-01-01T10:00:00+02:00')).toBe(Date.parse('2014-01-01T08:00:00Z'));
  });

  it('measures precision only on labelled incidents formed with exactly the same appeals', () => {
    const input = read(
      lines([
        ['a', '2014-01-01 10:00:00', LIFT, 50.45, 30.5],
        ['b', '2014-01-01 10:01:00', LIFT, 50.45, 30.5],
        ['c', '2014-01-01 10:02:00', LIFT, 50.45, 30.5],
      ]),
    );
    const incidents = replay(input.appeals, DEFAULT_INCIDENT_RULES);
    const p = precisionOn(incidents, [
      { appeals: ['c', 'b', 'a'], oneIncident: true, why: 'same lift' },
      { appeals: ['x', 'y'], oneIncident: false, why: 'not formed here' },
    ]);
    expect(p).toEqual({ labelled: 2, matched: 1, truePositives: 1, precision: 1 });
  });
});
