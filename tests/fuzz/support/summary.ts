// The counts of a fuzz run and the line that sums them; shared by the test files and the global
// setup that prints the tier's closing summary.

/** `hang`: no answer within ANSWER_WITHIN_MS; `crash`: the connection or process died instead. */
export type Outcome = '2xx' | '3xx' | '4xx' | '5xx' | 'hang' | 'crash';

export const statusClass = (status: number): Outcome =>
  status >= 500 ? '5xx' : status >= 400 ? '4xx' : status >= 300 ? '3xx' : '2xx';

export interface Failure {
  /** `POST /api/v1/sync/push`, `ipc appeals:create`, `ws /api/v1/live`. */
  target: string;
  /** What was generated: `valid`, `hostile:nul@payload.essence`, `raw:deep-array`. */
  label: string;
  /** What was wrong: `5xx`, `hang`, `expected 401`, `good mutation not applied`. */
  problem: string;
  /** The status, close code or error code answered. */
  got: string;
  /** The request, cut short. */
  input: string;
  /** The server's own log line for it, when there was one. */
  serverError?: string;
}

export interface FileStats {
  part: string;
  requests: number;
  byClass: Record<Outcome, number>;
  latenciesMs: number[];
  failures: number;
}

export const emptyClasses = (): Record<Outcome, number> => ({
  '2xx': 0,
  '3xx': 0,
  '4xx': 0,
  '5xx': 0,
  hang: 0,
  crash: 0,
});

export const cut = (text: string, max = 300): string =>
  text.length <= max ? text : `${text.slice(0, max)}… (${text.length} chars)`;

// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u001f\ud800-\udfff]/g;

/** JSON for a failure report: strings with NUL and lone surrogates stay visible as escapes. */
export function show(value: unknown, max = 300): string {
  let text: string;
  try {
    text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  } catch {
    text = String(value);
  }
  text = text.replace(UNPRINTABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return cut(text, max);
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export function summaryLine(label: string, stats: Omit<FileStats, 'part'>): string {
  const sorted = [...stats.latenciesMs].sort((a, b) => a - b);
  const classes = (Object.entries(stats.byClass) as [Outcome, number][])
    .filter(([k, n]) => n > 0 || k === '5xx')
    .map(([k, n]) => `${k}=${n}`)
    .join(' ');
  return (
    `${label}: ${stats.requests} requests, ${classes}, p50 ${percentile(sorted, 50).toFixed(1)} ms, ` +
    `p99 ${percentile(sorted, 99).toFixed(1)} ms, max ${(sorted.at(-1) ?? 0).toFixed(1)} ms, ` +
    `${stats.failures} broken expectations`
  );
}
