// The executor prior's count tables: who served each category and each category group, city-wide,
// per grid cell, per coarse block and per district. Districts are not in the data: a cell's district
// is the one most named by the executors (district administrations, their housing services) that
// served appeals there, and cells with no such appeal take their nearest named cell's.
import type { CountTable, CountTableName } from '../../src/shared/suggest/modelFormat';
import { cellCount, coarseCount, districtOf, type Grid } from '../../src/shared/suggest/place';
import type { DistrictStems } from './districts';

export interface PriorRow {
  category: number;
  group: number;
  executor: number;
  cell?: number;
  coarse?: number;
  /** What this appeal counts for (1 when absent): recent appeals count more, see train.ts. */
  weight?: number;
}

type Counts = Map<number, Map<number, number>>;

function bump(counts: Counts, key: number, executor: number, weight = 1): void {
  let row = counts.get(key);
  if (!row) counts.set(key, (row = new Map()));
  row.set(executor, (row.get(executor) ?? 0) + weight);
}

export function toCountTable(counts: Counts): CountTable {
  const keys = [...counts.keys()].sort((a, b) => a - b);
  const offsets = new Uint32Array(keys.length + 1);
  const executors: number[] = [];
  const tallies: number[] = [];
  keys.forEach((key, i) => {
    const row = [...(counts.get(key) as Map<number, number>)].sort((a, b) => a[0] - b[0]);
    for (const [e, n] of row) {
      executors.push(e);
      // Weighted counts are stored whole: the caller scales weights so that rounding is negligible.
      tallies.push(Math.max(1, Math.round(n)));
    }
    offsets[i + 1] = executors.length;
  });
  return {
    keys: Uint32Array.from(keys),
    offsets,
    executors: Uint16Array.from(executors),
    counts: Uint32Array.from(tallies),
  };
}

/** District of every cell (-1 when no cell anywhere is named), from executors' names. */
export function cellDistricts(
  rows: readonly PriorRow[],
  executorNames: readonly string[],
  grid: Grid,
  districts: readonly DistrictStems[],
): Int32Array {
  const districtOfExecutor = executorNames.map((name) => districtOf(name, districts) ?? -1);
  const votes: Counts = new Map();
  for (const row of rows) {
    const d = districtOfExecutor[row.executor] ?? -1;
    if (row.cell !== undefined && d >= 0) bump(votes, row.cell, d);
  }
  const cells = cellCount(grid);
  const named = new Int32Array(cells).fill(-1);
  for (const [cell, byDistrict] of votes) {
    let best = -1;
    let bestVotes = 0;
    for (const [d, n] of [...byDistrict].sort((a, b) => a[0] - b[0]))
      if (n > bestVotes) [best, bestVotes] = [d, n];
    named[cell] = best;
  }
  const namedCells = [...named.keys()].filter((c) => (named[c] as number) >= 0);
  const result = new Int32Array(cells).fill(-1);
  for (let cell = 0; cell < cells; cell++) {
    if ((named[cell] as number) >= 0) {
      result[cell] = named[cell] as number;
      continue;
    }
    let best = -1;
    let bestDistance = Infinity;
    const [r, c] = [Math.floor(cell / grid.cols), cell % grid.cols];
    for (const other of namedCells) {
      const distance = (Math.floor(other / grid.cols) - r) ** 2 + ((other % grid.cols) - c) ** 2;
      if (distance < bestDistance) [best, bestDistance] = [named[other] as number, distance];
    }
    result[cell] = best;
  }
  return result;
}

export function buildPriors(
  rows: readonly PriorRow[],
  grid: Grid,
  districtOfCell: Int32Array,
  districtCount: number,
): Record<CountTableName, CountTable> {
  const cells = cellCount(grid);
  const coarse = coarseCount(grid);
  const tables: Record<CountTableName, Counts> = {
    category: new Map(),
    group: new Map(),
    categoryCell: new Map(),
    categoryCoarse: new Map(),
    groupCell: new Map(),
    groupCoarse: new Map(),
    categoryDistrict: new Map(),
    groupDistrict: new Map(),
  };
  for (const row of rows) {
    const e = row.executor;
    const w = row.weight ?? 1;
    bump(tables.category, row.category, e, w);
    bump(tables.group, row.group, e, w);
    if (row.cell === undefined || row.coarse === undefined) continue;
    bump(tables.categoryCell, row.category * cells + row.cell, e, w);
    bump(tables.groupCell, row.group * cells + row.cell, e, w);
    bump(tables.categoryCoarse, row.category * coarse + row.coarse, e, w);
    bump(tables.groupCoarse, row.group * coarse + row.coarse, e, w);
    const d = districtOfCell[row.cell] ?? -1;
    if (d < 0) continue;
    bump(tables.categoryDistrict, row.category * districtCount + d, e, w);
    bump(tables.groupDistrict, row.group * districtCount + d, e, w);
  }
  const out = {} as Record<CountTableName, CountTable>;
  for (const name of Object.keys(tables) as CountTableName[]) out[name] = toCountTable(tables[name]);
  return out;
}
