import { describe, expect, it } from 'vitest';
import { decideIncident, distanceMeters, incidentBuildingKey, samePlace, type PlacedAppeal } from './detect';

const rules = { minAppeals: 3, windowMinutes: 60, radiusMeters: 100 };
const at = (id: string, minutes: number, over: Partial<PlacedAppeal> = {}): PlacedAppeal => ({
  id,
  groupId: 'g',
  createdAtMs: minutes * 60_000,
  buildingKey: 'київ|хрещатик|22',
  lat: null,
  lon: null,
  ...over,
});

describe('the detector’s rules', () => {
  it('forms an incident from the appeal and enough neighbours of its group at its building within the window', () => {
    const d = decideIncident(
      at('c', 100),
      [],
      [at('a', 50), at('b', 150), at('x', 300), at('y', 100, { groupId: 'h' })],
      rules,
    );
    expect(d).toEqual({ kind: 'form', neighbourIds: ['a', 'b'] });
  });

  it('forms nothing below the threshold', () => {
    expect(decideIncident(at('c', 100), [], [at('a', 50)], rules)).toEqual({ kind: 'none' });
  });

  it('joins the open incident of its group whose span (widened by the window) holds it', () => {
    const incident = {
      id: 'i',
      groupId: 'g',
      confirmed: false,
      buildingKey: 'київ|хрещатик|22',
      lat: null,
      lon: null,
      firstAtMs: 0,
      lastAtMs: 60 * 60_000,
    };
    expect(decideIncident(at('c', 100), [incident], [], rules)).toEqual({ kind: 'attach', incidentId: 'i' });
    expect(decideIncident(at('c', 200), [incident], [], rules)).toEqual({ kind: 'none' });
    // A confirmed incident takes a later appeal while it is open.
    expect(decideIncident(at('c', 2000), [{ ...incident, confirmed: true }], [], rules).kind).toBe('attach');
  });

  it('places by building, or by coordinates within the radius', () => {
    const p = { buildingKey: null, lat: 50.45, lon: 30.52 };
    expect(samePlace(p, { buildingKey: null, lat: 50.4508, lon: 30.52 }, 100)).toBe(true);
    expect(samePlace(p, { buildingKey: null, lat: 50.452, lon: 30.52 }, 100)).toBe(false);
    expect(samePlace({ ...p, lat: null }, { buildingKey: null, lat: 50.45, lon: 30.52 }, 100)).toBe(false);
    expect(Math.round(distanceMeters(50.45, 30.52, 50.46, 30.52))).toBe(1112);
  });

  it('never groups by a key of a city alone', () => {
    expect(incidentBuildingKey('київ||')).toBeNull();
    expect(incidentBuildingKey('київ|хрещатик|')).toBeNull();
    expect(incidentBuildingKey('київ|хрещатик|22')).toBe('київ|хрещатик|22');
  });
});
