// Where an appeal is, as the executor prior sees it: a grid cell (and its coarse block) from the
// coordinates, or a district from the address's free district field.
import type { ModelHeader } from './modelFormat';
import { tokenise } from './normalise';

export interface Place {
  cell?: number;
  coarse?: number;
  district?: number;
}

export type Grid = ModelHeader['grid'];

export const cellCount = (grid: Grid): number => grid.rows * grid.cols;
export const coarseCount = (grid: Grid): number =>
  Math.ceil(grid.rows / grid.coarse) * Math.ceil(grid.cols / grid.coarse);

export function cellOf(grid: Grid, lat: unknown, lon: unknown): Pick<Place, 'cell' | 'coarse'> {
  if (typeof lat !== 'number' || typeof lon !== 'number' || !Number.isFinite(lat) || !Number.isFinite(lon))
    return {};
  const row = Math.floor((lat - grid.lat0) / grid.dLat);
  const col = Math.floor((lon - grid.lon0) / grid.dLon);
  if (row < 0 || row >= grid.rows || col < 0 || col >= grid.cols) return {};
  const coarseCols = Math.ceil(grid.cols / grid.coarse);
  return {
    cell: row * grid.cols + col,
    coarse: Math.floor(row / grid.coarse) * coarseCols + Math.floor(col / grid.coarse),
  };
}

/** The district a text names (a word starting with one of its stems), or undefined. */
export function districtOf(text: unknown, districts: Readonly<ModelHeader['districts']>): number | undefined {
  if (typeof text !== 'string' || text.trim() === '') return undefined;
  const words = tokenise(text, 300);
  const found = districts.findIndex((d) => d.stems.some((stem) => words.some((w) => w.startsWith(stem))));
  return found >= 0 ? found : undefined;
}

export function placeOf(
  header: Pick<ModelHeader, 'grid' | 'districts'>,
  input: { lat?: unknown; lon?: unknown; district?: unknown },
): Place {
  const place: Place = cellOf(header.grid, input.lat, input.lon);
  const district = districtOf(input.district, header.districts);
  if (district !== undefined) place.district = district;
  return place;
}
