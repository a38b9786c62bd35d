// fast-check arbitraries from JSON Schema (the OpenAPI document's request schemas, or a zod schema
// through z.toJSONSchema): values that follow the schema, with boundary values mixed in at a given
// rate, and hostile mutations of such values at one path or at every string.
import fc from 'fast-check';
import { z } from 'zod';
import { hostileValue, type Tagged } from './hostile';

export interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  prefixItems?: JsonSchema[];
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
}

/** A value for a field by its name, where the schema says too little (zod refinements are lost). */
export type Hint = (name: string | undefined, schema: JsonSchema) => fc.Arbitrary<unknown> | undefined;

export interface GenOptions {
  /** Of each string, number and array: the chance (0..1) it is a boundary value instead. */
  boundaryRate?: number;
  hint?: Hint;
}

export function jsonSchemaOf(schema: z.ZodType): JsonSchema {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema & {
    $schema?: string;
  };
  delete json.$schema;
  return json;
}

const MAX_DEPTH = 8;
const LETTERS = ['x', 'ї', 'Я', '7', '😀'];

function withBoundary(normal: fc.Arbitrary<unknown>, boundary: fc.Arbitrary<unknown>, rate: number) {
  if (rate <= 0) return normal;
  const weight = Math.max(1, Math.round(rate * 100));
  return fc.oneof({ weight: 100 - weight, arbitrary: normal }, { weight, arbitrary: boundary });
}

function stringArb(schema: JsonSchema, options: GenOptions, name: string | undefined): fc.Arbitrary<unknown> {
  const min = schema.minLength ?? 0;
  const max = schema.maxLength;
  const hinted = options.hint?.(name, schema);
  let normal: fc.Arbitrary<unknown>;
  if (hinted) normal = hinted;
  else if (schema.pattern) {
    let matching: fc.Arbitrary<string>;
    try {
      matching = fc.stringMatching(new RegExp(schema.pattern));
    } catch {
      matching = fc.string();
    }
    normal = matching.filter((s) => s.length >= min && (max === undefined || s.length <= max));
  } else if (schema.format === 'email') normal = fc.emailAddress();
  else if (schema.format === 'uuid') normal = fc.uuid();
  else if (schema.format === 'date-time')
    normal = fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
  else {
    const upper = Math.min(max ?? min + 40, min + 40);
    normal = fc.oneof(
      fc.string({ minLength: min, maxLength: upper }),
      fc.string({ minLength: min, maxLength: upper, unit: 'grapheme' }),
      fc
        .constantFrom('Київ', 'вул. Хрещатик', 'Коваленко Марія', '22', 'cat-1')
        .filter((s) => s.length >= min && (max === undefined || s.length <= max)),
    );
  }
  const lengths = [min, max ?? 1_000, (max ?? 1_000) + 1, ...(min > 0 ? [min - 1] : [])];
  const boundary = fc
    .tuple(fc.constantFrom(...lengths), fc.constantFrom(...LETTERS))
    .map(([n, c]) => (c.length === 2 ? c.repeat(Math.ceil(n / 2)) : c.repeat(n)));
  return withBoundary(normal, boundary, options.boundaryRate ?? 0);
}

function numberArb(schema: JsonSchema, options: GenOptions, integer: boolean): fc.Arbitrary<unknown> {
  const lo =
    schema.exclusiveMinimum !== undefined
      ? schema.exclusiveMinimum + (integer ? 1 : Number.EPSILON)
      : (schema.minimum ?? -1_000_000);
  const hi =
    schema.exclusiveMaximum !== undefined
      ? schema.exclusiveMaximum - (integer ? 1 : Number.EPSILON)
      : (schema.maximum ?? 1_000_000);
  const a = Math.max(lo, -Number.MAX_SAFE_INTEGER);
  const b = Math.min(hi, Number.MAX_SAFE_INTEGER);
  const normal = integer
    ? fc.integer({
        min: Math.max(a, -(2 ** 31)),
        max: Math.max(Math.min(b, 2 ** 31 - 1), Math.max(a, -(2 ** 31))),
      })
    : fc.double({ min: a, max: b, noNaN: true, noDefaultInfinity: true });
  const edges = [a, b, a - 1, b + 1, 0, -1, 2 ** 31 - 1, 2 ** 31, Number.MAX_SAFE_INTEGER, 2 ** 53];
  const boundary = fc.constantFrom(...edges, ...(integer ? [0.5] : [1e308]));
  return withBoundary(normal, boundary, options.boundaryRate ?? 0);
}

/** An arbitrary of values following `schema` (with boundary values at `boundaryRate`). */
export function fromSchema(
  schema: JsonSchema,
  options: GenOptions = {},
  name?: string,
  depth = 0,
): fc.Arbitrary<unknown> {
  if (depth > MAX_DEPTH) return fc.constant(null);
  const next = (s: JsonSchema, n?: string) => fromSchema(s, options, n, depth + 1);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const union = schema.anyOf ?? schema.oneOf;
  if (union && union.length > 0) return fc.oneof(...union.map((s) => fromSchema(s, options, name, depth)));
  if (schema.allOf && schema.allOf.length > 0) return fromSchema(schema.allOf[0]!, options, name, depth);
  const type = Array.isArray(schema.type)
    ? schema.type
    : schema.type
      ? [schema.type]
      : schema.properties
        ? ['object']
        : [];
  if (type.length === 0) return fc.jsonValue({ maxDepth: 2 });
  if (type.length > 1)
    return fc.oneof(...type.map((t) => fromSchema({ ...schema, type: t }, options, name, depth)));
  switch (type[0]) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'string':
      return stringArb(schema, options, name);
    case 'integer':
      return numberArb(schema, options, true);
    case 'number':
      return numberArb(schema, options, false);
    case 'array': {
      if (schema.prefixItems) return fc.tuple(...schema.prefixItems.map((s) => next(s, name)));
      const item = schema.items ? next(schema.items, name) : fc.jsonValue({ maxDepth: 1 });
      const min = schema.minItems ?? 0;
      const max = schema.maxItems ?? min + 3;
      const normal = fc.array(item, { minLength: min, maxLength: Math.min(max, min + 3) });
      const sizes = [...new Set([min, Math.min(max, 250), max + 1, ...(min > 0 ? [min - 1] : [])])];
      const boundary = fc
        .constantFrom(...sizes)
        .chain((n) => fc.array(item, { minLength: Math.min(n, 250), maxLength: Math.min(n, 250) }));
      return withBoundary(normal, boundary, (options.boundaryRate ?? 0) / 3);
    }
    case 'object': {
      const properties = schema.properties ?? {};
      const keys = Object.keys(properties);
      if (keys.length === 0) {
        if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
          return fc.dictionary(fc.string({ maxLength: 10 }), next(schema.additionalProperties), {
            maxKeys: 3,
          });
        }
        return fc.constant({});
      }
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      for (const key of keys) model[key] = next(properties[key]!, key);
      return fc.record(model, { requiredKeys: (schema.required ?? []).filter((k) => keys.includes(k)) });
    }
    default:
      return fc.jsonValue({ maxDepth: 1 });
  }
}

export type Path = readonly (string | number)[];

/** Every node of a JSON value (the root included), as paths. */
export function pathsOf(value: unknown, prefix: Path = [], out: Path[] = [], limit = 400): Path[] {
  out.push(prefix);
  if (out.length >= limit) return out;
  if (Array.isArray(value)) value.slice(0, 20).forEach((v, i) => pathsOf(v, [...prefix, i], out, limit));
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) pathsOf(v, [...prefix, k], out, limit);
  }
  return out;
}

const clone = (value: unknown): unknown => structuredClone(value);

/** A copy of `value` with the node at `path` replaced (or removed, with `remove`). */
export function setAt(value: unknown, path: Path, replacement: unknown, remove = false): unknown {
  if (path.length === 0) return replacement;
  const root = clone(value) as Record<string | number, unknown>;
  let node = root;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  if (remove) {
    if (Array.isArray(node)) node.splice(Number(last), 1);
    else delete node[last];
  } else node[last] = replacement;
  return root;
}

export const pathText = (path: Path): string => (path.length === 0 ? '(root)' : path.join('.'));

/** Every string in `value` replaced by `f(string)`. */
export function mapStrings(value: unknown, f: (s: string) => string): unknown {
  if (typeof value === 'string') return f(value);
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, f));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, f)]));
  }
  return value;
}

/**
 * Hostile variants of values from `base`: one node replaced by a hostile value (or removed, or
 * joined by an unknown field), or every string made huge or poisoned. `keep` lists paths (as text
 * prefixes) never touched, e.g. the push's deviceId, so the request still reaches what it aims at.
 */
export function hostileVariant(
  base: fc.Arbitrary<unknown>,
  keep: readonly string[] = [],
): fc.Arbitrary<Tagged<unknown>> {
  return fc.tuple(base, fc.nat(), hostileValue(), fc.nat({ max: 99 })).map(([value, pick, hostile, op]) => {
    const paths = pathsOf(value).filter((p) => !keep.some((k) => pathText(p).startsWith(k)));
    const path = paths[pick % Math.max(1, paths.length)] ?? [];
    const at = pathText(path);
    if (op < 4)
      return {
        label: 'hostile:every-string-100k',
        value: mapStrings(value, (s) => s + 'x'.repeat(100 * 1024)),
      };
    if (op < 8)
      return { label: 'hostile:every-string-nul', value: mapStrings(value, (s) => `${s}\u0000\ud800`) };
    if (op < 16 && path.length > 0)
      return { label: `hostile:removed@${at}`, value: setAt(value, path, undefined, true) };
    if (op < 24) {
      const target = path.length > 0 && typeof value === 'object' ? path.slice(0, -1) : [];
      return { label: `hostile:unknown-field@${pathText(target)}`, value: addField(value, target) };
    }
    return { label: `hostile:${hostile.label}@${at}`, value: setAt(value, path, hostile.value) };
  });
}

function addField(value: unknown, at: Path): unknown {
  const root = clone(value);
  let node: unknown = root;
  for (const key of at) node = (node as Record<string | number, unknown>)[key];
  if (node !== null && typeof node === 'object' && !Array.isArray(node)) {
    (node as Record<string, unknown>)['sneaky\u0000field'] = 1;
    (node as Record<string, unknown>)['isAdmin'] = true;
  }
  return root;
}
