// The model file: "SUGM", a format version, a JSON header, typed sections, a CRC-32 trailer.
// Encoding lives here too (pure, no Node) so tests can build small models and corrupt them.
import { z } from 'zod';
import { crc32 } from './crc32';

export const MODEL_MAGIC = 'SUGM';
export const MODEL_FORMAT_VERSION = 1;

const SectionKind = z.enum(['u8', 'i8', 'u16', 'u32', 'f32']);
export type SectionKind = z.infer<typeof SectionKind>;
export type SectionArray = Uint8Array | Int8Array | Uint16Array | Uint32Array | Float32Array;

const finite = z.number().finite();

export const ModelHeader = z.object({
  /** Tokeniser settings: predict must featurise exactly as training did. */
  features: z.object({
    hashBits: z.number().int().min(8).max(24),
    maxChars: z.number().int().min(1),
    charGrams: z.number().int().min(0).max(8),
  }),
  /** Softmax temperature fitted on held-out appeals (1 = as trained). */
  temperature: finite.positive(),
  /** Category weights are int8 times this scale. */
  weightScale: finite.positive(),
  categories: z.array(z.tuple([z.string().min(1), z.number().int().min(0)])),
  groups: z.array(z.string().min(1)),
  executors: z.array(z.string().min(1)),
  grid: z.object({
    lat0: finite,
    lon0: finite,
    dLat: finite.positive(),
    dLon: finite.positive(),
    rows: z.number().int().min(1),
    cols: z.number().int().min(1),
    coarse: z.number().int().min(1),
  }),
  districts: z.array(z.object({ id: z.string().min(1), stems: z.array(z.string().min(1)) })),
  /** Pseudo-counts of the executor prior's back-off chain (see predict.ts). */
  smoothing: z.object({ group: finite.positive(), place: finite.positive(), local: finite.nonnegative() }),
  trainedOn: z.object({
    appeals: z.number().int().min(0),
    from: z.string(),
    to: z.string(),
    data: z.string(),
  }),
  sections: z.array(
    z.object({ name: z.string().min(1), kind: SectionKind, length: z.number().int().min(0) }),
  ),
});
export type ModelHeader = z.infer<typeof ModelHeader>;

/** A table of counts keyed by an integer: for each key, executors (indices) and how often they served it. */
export interface CountTable {
  keys: Uint32Array;
  offsets: Uint32Array;
  executors: Uint16Array;
  counts: Uint32Array;
}

/** The count tables of the executor prior, by what their key is made of. */
export const COUNT_TABLES = [
  'category',
  'group',
  'categoryCell',
  'categoryCoarse',
  'groupCell',
  'groupCoarse',
  'categoryDistrict',
  'groupDistrict',
] as const;
export type CountTableName = (typeof COUNT_TABLES)[number];

/** A parsed model: treat as opaque outside src/shared/suggest. */
/**
 * The bias training gives a replaced (retired) question type: far below any real logit, so exp() of it is 0
 * and the type is never listed; nor does it get the votes of its old appeals (neighbours.ts).
 */
export const RETIRED_BIAS = -1e4;
/** Any bias this low marks a retired type (the stored float need not equal RETIRED_BIAS exactly). */
export const isRetired = (model: { bias: Float32Array }, index: number): boolean =>
  (model.bias[index] as number) <= RETIRED_BIAS / 2;

export interface SuggestModel {
  header: ModelHeader;
  /** Inverse document frequency per hashed feature, times 16. */
  idf: Uint8Array;
  /** Sparse category weights per hashed feature: offsets[f]..offsets[f+1] index classes/weights. */
  weightOffsets: Uint32Array;
  weightClasses: Uint16Array;
  weights: Int8Array;
  bias: Float32Array;
  tables: Record<CountTableName, CountTable>;
  /** District index of every grid cell (255: none), as training derived it. */
  cellDistricts: Uint8Array;
  categoryIndex: Map<string, number>;
}

export type ModelSections = Record<string, SectionArray>;
export type HeaderFields = Omit<ModelHeader, 'sections'>;

const BYTES: Record<SectionKind, number> = { u8: 1, i8: 1, u16: 2, u32: 4, f32: 4 };
const align4 = (n: number): number => (n + 3) & ~3;

function kindOf(array: SectionArray): SectionKind {
  if (array instanceof Uint8Array) return 'u8';
  if (array instanceof Int8Array) return 'i8';
  if (array instanceof Uint16Array) return 'u16';
  if (array instanceof Uint32Array) return 'u32';
  return 'f32';
}

function viewOf(kind: SectionKind, buffer: ArrayBuffer, offset: number, length: number): SectionArray {
  switch (kind) {
    case 'u8':
      return new Uint8Array(buffer, offset, length);
    case 'i8':
      return new Int8Array(buffer, offset, length);
    case 'u16':
      return new Uint16Array(buffer, offset, length);
    case 'u32':
      return new Uint32Array(buffer, offset, length);
    case 'f32':
      return new Float32Array(buffer, offset, length);
    default: {
      const never: never = kind;
      throw new Error(`Unknown section kind ${String(never)}`);
    }
  }
}

/** The header is JSON with every non-ASCII character escaped: no text codec is needed (ES2023 has none). */
function asciiBytes(text: string): Uint8Array {
  const escaped = text.replace(
    /[\u0080-\uffff]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return Uint8Array.from(escaped, (ch) => ch.charCodeAt(0));
}

function asciiText(bytes: Uint8Array): string {
  let text = '';
  for (const b of bytes) {
    if (b >= 0x80) throw new Error('Suggestion model: header is not ASCII');
    text += String.fromCharCode(b);
  }
  return text;
}

const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** Bytes of a model file. Sections are written in the given (insertion) order, each 4-byte aligned. */
export function encodeModel(fields: HeaderFields, sections: ModelSections): Uint8Array {
  const names = Object.keys(sections);
  const header: ModelHeader = {
    ...fields,
    sections: names.map((name) => {
      const array = sections[name] as SectionArray;
      return { name, kind: kindOf(array), length: array.length };
    }),
  };
  const json = asciiBytes(JSON.stringify(header));
  const start = align4(12 + json.length);
  let size = start;
  for (const s of header.sections) size = align4(size + s.length * BYTES[s.kind]);
  const bytes = new Uint8Array(size + 4);
  const view = new DataView(bytes.buffer);
  bytes.set(asciiBytes(MODEL_MAGIC), 0);
  view.setUint32(4, MODEL_FORMAT_VERSION, true);
  view.setUint32(8, json.length, true);
  bytes.set(json, 12);
  let offset = start;
  for (const name of names) {
    const array = sections[name] as SectionArray;
    bytes.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), offset);
    offset = align4(offset + array.byteLength);
  }
  view.setUint32(size, crc32(bytes.subarray(0, size)), true);
  return bytes;
}

/** Reads and checks a model file; every failure is an Error that names what is wrong. */
export function parseModelBytes(input: Uint8Array): SuggestModel {
  if (!littleEndian)
    throw new Error('Suggestion model: this machine is big-endian; the model is little-endian');
  if (!(input instanceof Uint8Array)) throw new Error('Suggestion model: expected the file as bytes');
  if (input.length < 16) throw new Error(`Suggestion model: file too short (${input.length} bytes)`);
  // A copy of our own: aligned typed views and no aliasing of the caller's buffer.
  const bytes = input.slice();
  const view = new DataView(bytes.buffer);
  if (String.fromCharCode(...bytes.subarray(0, 4)) !== MODEL_MAGIC)
    throw new Error('Suggestion model: not a model file (bad magic)');
  const version = view.getUint32(4, true);
  if (version !== MODEL_FORMAT_VERSION)
    throw new Error(
      `Suggestion model: format version ${version}, this app reads version ${MODEL_FORMAT_VERSION}; rebuild it with npm run train:suggest`,
    );
  const body = bytes.length - 4;
  if (crc32(bytes.subarray(0, body)) !== view.getUint32(body, true))
    throw new Error('Suggestion model: checksum mismatch (the file is truncated or corrupt)');
  const jsonLength = view.getUint32(8, true);
  if (12 + jsonLength > body) throw new Error('Suggestion model: header runs past the end of the file');
  let header: ModelHeader;
  try {
    header = ModelHeader.parse(JSON.parse(asciiText(bytes.subarray(12, 12 + jsonLength))));
  } catch (error) {
    throw new Error(`Suggestion model: bad header (${error instanceof Error ? error.message : 'invalid'})`, {
      cause: error,
    });
  }
  const sections = new Map<string, SectionArray>();
  let offset = align4(12 + jsonLength);
  for (const s of header.sections) {
    const byteLength = s.length * BYTES[s.kind];
    if (offset + byteLength > body) throw new Error(`Suggestion model: section ${s.name} runs past the end`);
    sections.set(s.name, viewOf(s.kind, bytes.buffer, offset, s.length));
    offset = align4(offset + byteLength);
  }
  return assemble(header, sections);
}

function section<T extends SectionArray>(
  sections: Map<string, SectionArray>,
  name: string,
  type: new (...args: never[]) => T,
  length?: number,
): T {
  const array = sections.get(name);
  if (!(array instanceof type))
    throw new Error(`Suggestion model: section ${name} is missing or of the wrong kind`);
  if (length !== undefined && array.length !== length)
    throw new Error(`Suggestion model: section ${name} has ${array.length} entries, expected ${length}`);
  return array;
}

function checkOffsets(name: string, offsets: Uint32Array, entries: number): void {
  for (let i = 1; i < offsets.length; i++)
    if ((offsets[i] as number) < (offsets[i - 1] as number))
      throw new Error(`Suggestion model: section ${name} offsets go backwards`);
  if (offsets[0] !== 0 || offsets[offsets.length - 1] !== entries)
    throw new Error(`Suggestion model: section ${name} offsets do not cover its entries`);
}

function checkBelow(name: string, values: Uint16Array, limit: number): void {
  for (const v of values)
    if (v >= limit) throw new Error(`Suggestion model: section ${name} points past its list`);
}

function assemble(header: ModelHeader, sections: Map<string, SectionArray>): SuggestModel {
  const features = 1 << header.features.hashBits;
  const classes = header.categories.length;
  for (const [, group] of header.categories)
    if (group >= header.groups.length) throw new Error('Suggestion model: a category names an unknown group');
  const weightOffsets = section(sections, 'weightOffsets', Uint32Array, features + 1);
  const weightClasses = section(sections, 'weightClasses', Uint16Array);
  const weights = section(sections, 'weights', Int8Array, weightClasses.length);
  checkOffsets('weightOffsets', weightOffsets, weights.length);
  checkBelow('weightClasses', weightClasses, classes);
  const tables = {} as Record<CountTableName, CountTable>;
  for (const name of COUNT_TABLES) {
    const keys = section(sections, `${name}.keys`, Uint32Array);
    const offsets = section(sections, `${name}.offsets`, Uint32Array, keys.length + 1);
    const executors = section(sections, `${name}.executors`, Uint16Array);
    const counts = section(sections, `${name}.counts`, Uint32Array, executors.length);
    checkOffsets(`${name}.offsets`, offsets, executors.length);
    checkBelow(`${name}.executors`, executors, header.executors.length);
    for (let i = 1; i < keys.length; i++)
      if ((keys[i] as number) <= (keys[i - 1] as number))
        throw new Error(`Suggestion model: section ${name}.keys is not sorted`);
    tables[name] = { keys, offsets, executors, counts };
  }
  return {
    header,
    idf: section(sections, 'idf', Uint8Array, features),
    weightOffsets,
    weightClasses,
    weights,
    bias: section(sections, 'bias', Float32Array, classes),
    tables,
    cellDistricts: section(sections, 'cellDistricts', Uint8Array, header.grid.rows * header.grid.cols),
    categoryIndex: new Map(header.categories.map(([id], i) => [id, i])),
  };
}
