// Reading labelled appeals for training and evaluation: the data-set lines (JSONL, optionally
// gzipped) with their question type and executor names mapped to the shipped reference ids.
import { createReadStream, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { z } from 'zod';
import { Classifier, ExecutorDirectory } from '../../src/shared/domain/reference';
import { executorIdOf, typeIdOf } from '../reference/build';

export const AppealRow = z.object({
  id: z.string().min(1),
  createdAt: z.string().regex(/^\d{4}-\d{2}-\d{2}/),
  category: z.string(),
  executor: z.string(),
  text: z.string(),
  lat: z.number().finite().nullish(),
  lon: z.number().finite().nullish(),
});

export interface LabelledAppeal {
  createdAt: string;
  text: string;
  lat?: number;
  lon?: number;
  /** null: the source's question type is not in the shipped classifier. */
  categoryId: string | null;
  groupId: string | null;
  /** null: the executor is not in the shipped directory. */
  executorId: string | null;
}

/** Oldest first (a stable sort keeps file order among equal times). */
export const byCreatedAt = (a: LabelledAppeal, b: LabelledAppeal): number =>
  a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0;

export interface Reference {
  groupOfType: Map<string, string>;
  executorNames: Map<string, string>;
}

export function readReference(classifierFile: string, executorsFile: string): Reference {
  const classifier = Classifier.parse(JSON.parse(readFileSync(classifierFile, 'utf8')));
  const executors = ExecutorDirectory.parse(JSON.parse(readFileSync(executorsFile, 'utf8')));
  return {
    groupOfType: new Map(classifier.types.map((t) => [t.id, t.groupId])),
    executorNames: new Map(executors.executors.map((e) => [e.id, e.name])),
  };
}

export interface ReadResult {
  appeals: LabelledAppeal[];
  /** Lines that were not JSON or lacked a field. */
  skipped: number;
}

export function labelAppeal(line: string, reference: Reference): LabelledAppeal | undefined {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return undefined;
  }
  const parsed = AppealRow.safeParse(json);
  if (!parsed.success) return undefined;
  const row = parsed.data;
  const typeId = row.category.trim() === '' ? null : typeIdOf(row.category);
  const groupId = typeId === null ? undefined : reference.groupOfType.get(typeId);
  const executorId = row.executor.trim() === '' ? null : executorIdOf(row.executor);
  return {
    createdAt: row.createdAt,
    text: row.text,
    ...(typeof row.lat === 'number' && typeof row.lon === 'number' ? { lat: row.lat, lon: row.lon } : {}),
    categoryId: groupId === undefined ? null : typeId,
    groupId: groupId ?? null,
    executorId: executorId !== null && reference.executorNames.has(executorId) ? executorId : null,
  };
}

const CREATED_AT = /"createdAt"\s*:\s*"([^"]*)"/;

/**
 * Streams a `.jsonl` or `.jsonl.gz` file; appeals come back sorted by time (then file order).
 * `keep` selects by creation time before a line is fully parsed (a quick sample for tests).
 */
export async function readAppeals(
  file: string,
  reference: Reference,
  keep?: (createdAt: string) => boolean,
): Promise<ReadResult> {
  const input = createReadStream(file);
  const stream = file.endsWith('.gz') ? input.pipe(createGunzip()) : input;
  // pipe() does not pass the file's errors on: a missing file must end the read, not hang it.
  if (stream !== input) input.on('error', (error) => stream.destroy(error));
  const appeals: LabelledAppeal[] = [];
  let skipped = 0;
  for await (const line of createInterface({ input: stream, crlfDelay: Infinity })) {
    if (line.trim() === '') continue;
    if (keep && !keep(CREATED_AT.exec(line)?.[1] ?? '')) continue;
    const appeal = labelAppeal(line, reference);
    if (appeal) appeals.push(appeal);
    else skipped++;
  }
  const order = appeals.map((a, i) => ({ a, i }));
  order.sort((x, y) => byCreatedAt(x.a, y.a) || x.i - y.i);
  return { appeals: order.map((o) => o.a), skipped };
}
