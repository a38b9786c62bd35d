// The pure part of the reference-data build: from a tally of (question type, executor) pairs to the
// classifier and executor directory. Output is deterministic: ids are hashes of names, every list
// has a total order that does not depend on input order, and nothing records the time of the run.
import { createHash } from 'node:crypto';
import type {
  Classifier,
  ClassifierGroup,
  Executor,
  ExecutorDirectory,
  QuestionType,
} from '../../src/shared/domain/reference';
import { applyContacts, type ExecutorContacts } from '../../src/main/core/reference/executorContacts';
import type { TallyResult } from './appeals';
import { groupOf, type GroupRule } from './groupRules';
import { OTHER_GROUP_ID } from './groups';
import { termOf, type TermRule } from './termRules';

export const sha256 = (text: string | Uint8Array): string => createHash('sha256').update(text).digest('hex');

/** Names are the identity in the source data, so an id is a short hash of the trimmed name. */
export const typeIdOf = (name: string): string => `t-${sha256(name.trim()).slice(0, 8)}`;
export const executorIdOf = (name: string): string => `e-${sha256(name.trim()).slice(0, 8)}`;

/** Code-point order: the same on every machine, unlike locale collation. */
export const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export interface BuildRules {
  groups: readonly ClassifierGroup[];
  groupRules: readonly GroupRule[];
  termRules: readonly TermRule[];
  /** Marks the source puts in front of some question type names, which are not part of the name. */
  typeNameMarks: readonly string[];
}

/**
 * The 1551 export prefixes a few question types with "@ " (a mark of its own bookkeeping):
 * operators would see it and search past it, so the name drops it. The id stays the hash of the
 * source name, so appeals already filed under the type keep pointing at it.
 */
export const typeNameMarks: readonly string[] = ['@'];

export function typeDisplayName(name: string, marks: readonly string[]): string {
  let shown = name.trim();
  for (const mark of marks) if (shown.startsWith(mark)) shown = shown.slice(mark.length).trim();
  return shown;
}

export interface BuildInput {
  tally: TallyResult;
  rules: BuildRules;
  contacts: ExecutorContacts;
  version: string;
  source: string;
}

export interface BuildReport {
  appeals: number;
  skippedLines: number;
  types: number;
  executors: number;
  otherTypes: number;
  otherAppeals: number;
  shortTypes: number;
  /** Types and appeals per top group, in the tree's order. */
  topGroups: { id: string; types: number; appeals: number }[];
}

export interface BuildOutput {
  classifier: Classifier;
  executors: ExecutorDirectory;
  report: BuildReport;
}

function uniqueIds(
  names: Iterable<string>,
  idOf: (name: string) => string,
  what: string,
): Map<string, string> {
  const ids = new Map<string, string>();
  const seen = new Map<string, string>();
  for (const name of names) {
    const id = idOf(name);
    const other = seen.get(id);
    if (other !== undefined && other !== name.trim())
      throw new Error(`Id collision between ${what} "${other}" and "${name}" (${id}): lengthen the hash`);
    seen.set(id, name.trim());
    ids.set(name, id);
  }
  return ids;
}

/** Entries sorted by count (descending), ties by key in code-point order. */
const ranked = (counts: Map<string, number>): [string, number][] =>
  [...counts].sort((a, b) => b[1] - a[1] || byCodePoint(a[0], b[0]));

export function buildReference(input: BuildInput): BuildOutput {
  const { tally, rules } = input;
  const typeIds = uniqueIds(tally.tally.keys(), typeIdOf, 'question types');
  const executorNames = new Set<string>();
  for (const byExecutor of tally.tally.values())
    for (const name of byExecutor.keys()) executorNames.add(name);
  const executorIds = uniqueIds(executorNames, executorIdOf, 'executors');
  const idOf = (map: Map<string, string>, name: string): string => map.get(name) as string;

  const knownGroups = new Set(rules.groups.map((g) => g.id));
  const types: QuestionType[] = [];
  const shownAs = new Map<string, string>();
  // executor id -> (type id -> appeals)
  const handled = new Map<string, Map<string, number>>();
  for (const [name, byExecutor] of tally.tally) {
    const id = idOf(typeIds, name);
    const groupId = groupOf(name, rules.groupRules);
    if (!knownGroups.has(groupId)) throw new Error(`Rule names unknown group ${groupId}`);
    const top = ranked(byExecutor)[0];
    let frequency = 0;
    for (const [executor, count] of byExecutor) {
      frequency += count;
      const executorId = idOf(executorIds, executor);
      let byType = handled.get(executorId);
      if (!byType) handled.set(executorId, (byType = new Map()));
      byType.set(id, (byType.get(id) ?? 0) + count);
    }
    const shown = typeDisplayName(name, rules.typeNameMarks);
    const other = shownAs.get(shown);
    if (other !== undefined)
      throw new Error(`Question types "${other}" and "${name.trim()}" would both show as "${shown}"`);
    shownAs.set(shown, name.trim());
    types.push({
      id,
      groupId,
      name: shown,
      defaultExecutorId: top ? idOf(executorIds, top[0]) : null,
      term: termOf(name, rules.termRules),
      frequency,
    });
  }
  types.sort((a, b) => byCodePoint(a.name, b.name) || byCodePoint(a.id, b.id));

  const executors: Executor[] = [...executorNames]
    .map((name) => {
      const id = idOf(executorIds, name);
      const typeIdsOfExecutor = ranked(handled.get(id) ?? new Map()).map(([typeId]) => typeId);
      return { id, name: name.trim(), phone: null, address: null, hours: null, typeIds: typeIdsOfExecutor };
    })
    .sort((a, b) => byCodePoint(a.name, b.name) || byCodePoint(a.id, b.id));

  const groups = usedGroups(rules.groups, types);
  return {
    classifier: { version: input.version, source: input.source, groups, types },
    executors: {
      version: input.version,
      source: input.source,
      executors: applyContacts(executors, input.contacts),
    },
    report: report(tally, groups, types, executors.length),
  };
}

/** Groups that hold a type themselves or through a subgroup, in the tree's declared order. */
function usedGroups(groups: readonly ClassifierGroup[], types: readonly QuestionType[]): ClassifierGroup[] {
  const parentOf = new Map(groups.map((g) => [g.id, g.parentId]));
  const used = new Set<string>();
  for (const t of types) {
    for (let id: string | null | undefined = t.groupId; id; id = parentOf.get(id)) used.add(id);
  }
  return groups.filter((g) => used.has(g.id));
}

function topOf(groups: readonly ClassifierGroup[], groupId: string): string {
  const parentOf = new Map(groups.map((g) => [g.id, g.parentId]));
  let id = groupId;
  for (let parent = parentOf.get(id); parent; parent = parentOf.get(id)) id = parent;
  return id;
}

function report(
  tally: TallyResult,
  groups: ClassifierGroup[],
  types: QuestionType[],
  executors: number,
): BuildReport {
  const topGroups = groups
    .filter((g) => g.parentId === null)
    .map((g) => {
      const inGroup = types.filter((t) => topOf(groups, t.groupId) === g.id);
      return { id: g.id, types: inGroup.length, appeals: inGroup.reduce((sum, t) => sum + t.frequency, 0) };
    });
  const other = topGroups.find((g) => g.id === OTHER_GROUP_ID);
  return {
    appeals: tally.appeals,
    skippedLines: tally.skipped,
    types: types.length,
    executors,
    otherTypes: other?.types ?? 0,
    otherAppeals: other?.appeals ?? 0,
    shortTypes: types.filter((t) => t.term === 'short').length,
    topGroups,
  };
}

/** Two-space JSON with a final newline: stable bytes for the same value. */
export const toJson = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;
