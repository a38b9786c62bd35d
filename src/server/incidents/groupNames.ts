// The classifier's group names (resources/reference/classifier.json), for the script operators read:
// the database keeps only the group's id (categories.group_id).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Classifier } from '../../shared/domain/reference';
import { DEFAULT_REFERENCE_DIR } from '../db/seed';

let names: Map<string, string> | null = null;

function load(): Map<string, string> {
  try {
    const classifier = Classifier.parse(
      JSON.parse(readFileSync(join(DEFAULT_REFERENCE_DIR, 'classifier.json'), 'utf8')),
    );
    return new Map(classifier.groups.map((g) => [g.id, g.name.uk]));
  } catch {
    // Without the file the script names no group; the incident itself is unaffected.
    return new Map();
  }
}

/** The group's Ukrainian name, or its id when the classifier is not at hand. */
export function groupName(groupId: string): string {
  names ??= load();
  return names.get(groupId) ?? groupId;
}
