// A hand-made model for tests: two question types ("вода", "світло") and four executors, small enough
// to reason about, encoded with the real writer so tests exercise the real reader.
import { hashOf } from './features';
import {
  COUNT_TABLES,
  encodeModel,
  type CountTableName,
  type HeaderFields,
  type ModelSections,
} from './modelFormat';

const HASH_BITS = 10;

function table(rows: [number, [number, number][]][]): Record<string, Uint32Array | Uint16Array> {
  const keys = rows.map(([key]) => key);
  const offsets = [0];
  const executors: number[] = [];
  const counts: number[] = [];
  for (const [, entries] of rows) {
    for (const [e, n] of entries) {
      executors.push(e);
      counts.push(n);
    }
    offsets.push(executors.length);
  }
  return {
    keys: Uint32Array.from(keys),
    offsets: Uint32Array.from(offsets),
    executors: Uint16Array.from(executors),
    counts: Uint32Array.from(counts),
  };
}

export const TINY = {
  water: 't-water',
  light: 't-light',
  vodokanal: 'e-vodokanal',
  svitlo: 'e-svitlo',
  housingNorth: 'e-housing-north',
  housingSouth: 'e-housing-south',
};

/**
 * Grid: 2 x 2 cells of 1 degree from (50, 30); light appeals in cell 0 go to the north's housing company.
 * `rareWords`: words the model knows as rare (IDF 5) but weighs for no type, as the neighbours look them up.
 */
export function tinyModelBytes(rareWords: readonly string[] = []): Uint8Array {
  const mask = (1 << HASH_BITS) - 1;
  const idf = new Uint8Array(1 << HASH_BITS);
  const words: [string, number, number][] = [
    ['wвода', 0, 100],
    ['wводи', 0, 100],
    ['wсвітло', 1, 100],
    ['wсвітла', 1, 100],
    ['wsvitlo', 1, 60],
  ];
  const byFeature = new Map<number, [number, number][]>();
  for (const [word, c, w] of words) {
    const h = hashOf(word, mask);
    idf[h] = 32;
    byFeature.set(h, [...(byFeature.get(h) ?? []), [c, w]]);
  }
  for (const word of rareWords) idf[hashOf(`w${word}`, mask)] = 80;
  const offsets = new Uint32Array((1 << HASH_BITS) + 1);
  const classes: number[] = [];
  const weights: number[] = [];
  for (let f = 0; f < 1 << HASH_BITS; f++) {
    for (const [c, w] of byFeature.get(f) ?? []) {
      classes.push(c);
      weights.push(w);
    }
    offsets[f + 1] = classes.length;
  }
  const tables: Record<CountTableName, [number, [number, number][]][]> = {
    category: [
      [0, [[0, 10]]],
      [
        1,
        [
          [1, 6],
          [2, 2],
          [3, 2],
        ],
      ],
    ],
    group: [
      [0, [[0, 10]]],
      [
        1,
        [
          [1, 6],
          [2, 2],
          [3, 2],
        ],
      ],
    ],
    categoryCell: [[1 * 4 + 0, [[2, 5]]]],
    categoryCoarse: [[1 * 4 + 0, [[2, 5]]]],
    groupCell: [[1 * 4 + 0, [[2, 5]]]],
    groupCoarse: [[1 * 4 + 0, [[2, 5]]]],
    categoryDistrict: [[1 * 1 + 0, [[3, 5]]]],
    groupDistrict: [[1 * 1 + 0, [[3, 5]]]],
  };
  const fields: HeaderFields = {
    features: { hashBits: HASH_BITS, maxChars: 1000, charGrams: 0 },
    temperature: 1,
    weightScale: 0.05,
    categories: [
      [TINY.water, 0],
      [TINY.light, 1],
    ],
    groups: ['g-housing-water', 'g-lighting'],
    executors: [TINY.vodokanal, TINY.svitlo, TINY.housingNorth, TINY.housingSouth],
    grid: { lat0: 50, lon0: 30, dLat: 1, dLon: 1, rows: 2, cols: 2, coarse: 1 },
    districts: [{ id: 'obolonskyi', stems: ['оболон'] }],
    smoothing: { group: 2, place: 3, local: 0.02 },
    trainedOn: { appeals: 20, from: '2015-01-01', to: '2015-01-31', data: 'hand-made' },
  };
  const sections: ModelSections = {
    idf,
    weightOffsets: offsets,
    weightClasses: Uint16Array.from(classes),
    weights: Int8Array.from(weights),
    bias: new Float32Array([0, 0]),
    cellDistricts: new Uint8Array([0, 0, 255, 255]),
  };
  for (const name of COUNT_TABLES) {
    const t = table(tables[name]);
    for (const [part, array] of Object.entries(t)) sections[`${name}.${part}`] = array;
  }
  return encodeModel(fields, sections);
}
