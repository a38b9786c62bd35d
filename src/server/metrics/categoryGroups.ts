// The classifier's top groups (resources/reference/classifier.json: 12 groups, each with its
// subgroups): appeals are counted by the top group of their question type's group, the level a chart
// can show. The tree is not in the database (only categories.group_id is), so it is read once from
// the reference folder the server seeds from; without it each group stands for itself.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Classifier } from '../../shared/domain/reference';
import { DEFAULT_REFERENCE_DIR } from '../db/seed';

export interface GroupTree {
  /** Top groups in the classifier's order, with their Ukrainian names. */
  top: { id: string; name: string }[];
  /** A group's top group (a top group is its own). */
  topOf(groupId: string): string;
}

export const OTHER_GROUP = 'g-other';

export function groupTree(classifier: Classifier | null): GroupTree {
  const parent = new Map<string, string | null>();
  const top: { id: string; name: string }[] = [];
  for (const g of classifier?.groups ?? []) {
    parent.set(g.id, g.parentId);
    if (g.parentId === null) top.push({ id: g.id, name: g.name.uk });
  }
  return {
    top,
    topOf(groupId) {
      let id = groupId;
      // Bounded: a malformed tree with a cycle ends at the depth limit.
      for (let depth = 0; depth < 16; depth++) {
        const up = parent.get(id);
        if (!up) return id;
        id = up;
      }
      return id;
    },
  };
}

let cached: GroupTree | null = null;

export function referenceGroupTree(dir = DEFAULT_REFERENCE_DIR): GroupTree {
  if (cached) return cached;
  let classifier: Classifier | null;
  try {
    classifier = Classifier.parse(JSON.parse(readFileSync(join(dir, 'classifier.json'), 'utf8')));
  } catch {
    classifier = null;
  }
  cached = groupTree(classifier);
  return cached;
}
