// Reading the public Kyiv 1551 data set (one JSON object a line). Only the question type and the
// executor matter for reference data; the rest of each line (text, coordinates) is never kept.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { z } from 'zod';

/** The fields of a data-set line this script relies on; other fields may be anything. */
export const AppealLine = z.object({
  id: z.string().min(1),
  category: z.string().trim().min(1),
  executor: z.string().trim().min(1),
});

/** For each question type, how many appeals each executor handled. */
export type Tally = Map<string, Map<string, number>>;

export interface TallyResult {
  tally: Tally;
  appeals: number;
  /** Lines that were not JSON or lacked a type or an executor. */
  skipped: number;
}

export const emptyTally = (): TallyResult => ({ tally: new Map(), appeals: 0, skipped: 0 });

export function addLine(result: TallyResult, line: string): void {
  if (line.trim() === '') return;
  const parsed = AppealLine.safeParse(safeJson(line));
  if (!parsed.success) {
    result.skipped++;
    return;
  }
  const { category, executor } = parsed.data;
  let byExecutor = result.tally.get(category);
  if (!byExecutor) result.tally.set(category, (byExecutor = new Map()));
  byExecutor.set(executor, (byExecutor.get(executor) ?? 0) + 1);
  result.appeals++;
}

export function tallyLines(lines: Iterable<string>): TallyResult {
  const result = emptyTally();
  for (const line of lines) addLine(result, line);
  return result;
}

function safeJson(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}

/** Streams a `.jsonl` or `.jsonl.gz` file line by line; nothing but the tally is kept. */
export async function tallyFile(file: string): Promise<TallyResult> {
  const input = createReadStream(file);
  const stream = file.endsWith('.gz') ? input.pipe(createGunzip()) : input;
  const result = emptyTally();
  for await (const line of createInterface({ input: stream, crlfDelay: Infinity })) addLine(result, line);
  return result;
}
