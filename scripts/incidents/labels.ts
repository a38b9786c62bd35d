// The hand-labelled sample: for incidents the replay formed (named by their appeals' ids), whether
// they truly are one incident, decided by reading the appeals' texts (scripts/incidents/README.md).
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { ReplayIncident } from './replayCore';

export const Label = z
  .object({
    appeals: z.array(z.string().min(1)).min(2),
    oneIncident: z.boolean(),
    /** The labeller's reason in their own words (never a citizen's text). */
    why: z.string().max(300),
  })
  .strict();
export type Label = z.infer<typeof Label>;

export function readLabels(file: string): Label[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, i) => {
      const parsed = Label.safeParse(JSON.parse(line));
      if (!parsed.success) throw new Error(`${file}:${i + 1}: ${parsed.error.issues[0]?.message}`);
      return parsed.data;
    });
}

export interface Precision {
  labelled: number;
  /** Labelled incidents the replay formed with exactly the same appeals. */
  matched: number;
  truePositives: number;
  precision: number;
}

const keyOf = (ids: readonly string[]) => [...ids].sort().join(',');

export function precisionOn(incidents: readonly ReplayIncident[], labels: readonly Label[]): Precision {
  const formed = new Set(incidents.map((i) => keyOf(i.appealIds)));
  const matched = labels.filter((l) => formed.has(keyOf(l.appeals)));
  const truePositives = matched.filter((l) => l.oneIncident).length;
  return {
    labelled: labels.length,
    matched: matched.length,
    truePositives,
    precision: matched.length === 0 ? 0 : truePositives / matched.length,
  };
}
