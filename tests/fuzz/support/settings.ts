// The fuzz tier's knobs, read once from the environment: a fixed seed (FUZZ_SEED) so every CI run
// sends the same requests, and a scale (FUZZ_RUNS) for how many each part generates.
const integer = (name: string, fallback: number): number => {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`${name} must be a positive integer, not ${raw}`);
  return n;
};

/** The fast-check seed of the whole tier; each part derives its own from it. */
export const FUZZ_SEED = integer('FUZZ_SEED', 20_260_115);

/**
 * The scale of a run: generated cases per route of the server (other parts scale with it). The
 * default makes a CI run of a little over 20,000 requests in about two minutes on two cores.
 */
export const FUZZ_RUNS = integer('FUZZ_RUNS', 700);

/** Every request, call or message must be answered within this. */
export const ANSWER_WITHIN_MS = integer('FUZZ_ANSWER_MS', 5_000);

/** How many requests a part keeps in flight at once. */
export const CONCURRENCY = integer('FUZZ_CONCURRENCY', 4);

/** A part's own seed: the tier's seed mixed with the part's name, so parts do not share streams. */
export function seedFor(part: string): number {
  let h = FUZZ_SEED | 0;
  for (let i = 0; i < part.length; i++) h = Math.imul(h ^ part.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** `runs` scaled by FUZZ_RUNS relative to its default (at least 1). */
export const scaled = (runsAtDefault: number): number =>
  Math.max(1, Math.round((runsAtDefault * FUZZ_RUNS) / 700));
