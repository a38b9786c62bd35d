// For labelling by hand: a deterministic sample of the incidents formed, each with its appeals'
// question types and texts, written to a file of the labeller's choosing (outside the repository:
// the texts stay in the data set). Never printed to the console.
import { createReadStream, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import type { ReplayIncident } from './replayCore';

/** Every k-th incident in the order formed, so the sample spans the whole period and every size. */
export function sampleIncidents(incidents: readonly ReplayIncident[], n: number): ReplayIncident[] {
  if (incidents.length <= n) return [...incidents];
  const step = incidents.length / n;
  return Array.from({ length: n }, (_, i) => incidents[Math.floor(i * step)]!);
}

export async function dumpForLabelling(
  data: string,
  incidents: readonly ReplayIncident[],
  out: string,
  n: number,
): Promise<number> {
  const sample = sampleIncidents(incidents, n);
  const wanted = new Set(sample.flatMap((i) => i.appealIds));
  const lines = new Map<
    string,
    { category: string; createdAt: string; lat: number; lon: number; text: string }
  >();
  const input = createReadStream(data);
  const stream = data.endsWith('.gz') ? input.pipe(createGunzip()) : input;
  for await (const line of createInterface({ input: stream, crlfDelay: Infinity })) {
    try {
      const o = JSON.parse(line) as {
        id: string;
        category: string;
        createdAt: string;
        lat: number;
        lon: number;
        text: string;
      };
      if (wanted.has(o.id)) lines.set(o.id, o);
    } catch {
      // Malformed lines were counted by the replay.
    }
  }
  const records = sample.map((i) => ({
    appeals: i.appealIds,
    group: i.groupId,
    place: i.placeKey,
    texts: i.appealIds.map((id) => {
      const o = lines.get(id);
      return o
        ? `${o.createdAt} ${o.lat.toFixed(5)},${o.lon.toFixed(5)} [${o.category}] ${o.text.slice(0, 400)}`
        : id;
    }),
  }));
  writeFileSync(out, records.map((r) => JSON.stringify(r)).join('\n') + '\n', { mode: 0o600 });
  return records.length;
}
