// Loads the shipped reference data (classifier, executors, call scripts, holiday calendars) once at
// start-up. Every file is a trust boundary: it is parsed with zod and cross-checked, and the first
// problem is reported naming the file, so a broken deployment fails loudly instead of half-working.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import { CallScript } from '../../../shared/domain/callScript';
import {
  Classifier,
  ExecutorDirectory,
  type Executor,
  type QuestionType,
} from '../../../shared/domain/reference';
import { fail, ok, type Result } from '../../../shared/result';
import { effectiveHolidays, HolidayCalendar } from '../../../shared/domain/calendar';
import { applyContacts, contactProblems, ExecutorContacts } from './executorContacts';

export interface ReferenceData {
  classifier: Classifier;
  executors: ExecutorDirectory;
  /** Call scripts by their `id`. */
  scripts: Map<string, CallScript>;
  typeById: Map<string, QuestionType>;
  executorById: Map<string, Executor>;
  /** Effective non-working public holidays, `YYYY-MM-DD`, sorted. */
  holidays: { ua: string[]; kz: string[] };
}

class ReferenceError extends Error {}

function readJson<S extends z.ZodType>(file: string, schema: S): z.infer<S> {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'file is missing' : (e as Error).message;
    throw new ReferenceError(`${file}: ${reason}`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
    throw new ReferenceError(`${file}: invalid${where}: ${issue?.message ?? 'unknown problem'}`);
  }
  return parsed.data as z.infer<S>;
}

function indexUnique<T extends { id: string }>(
  items: readonly T[],
  file: string,
  what: string,
): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items) {
    if (map.has(item.id)) throw new ReferenceError(`${file}: duplicate ${what} id ${item.id}`);
    map.set(item.id, item);
  }
  return map;
}

function checkClassifier(classifier: Classifier, file: string): Map<string, QuestionType> {
  const groups = indexUnique(classifier.groups, file, 'group');
  for (const g of classifier.groups) {
    if (g.parentId !== null && !groups.has(g.parentId))
      throw new ReferenceError(`${file}: group ${g.id} has unknown parent ${g.parentId}`);
  }
  const types = indexUnique(classifier.types, file, 'question type');
  for (const t of classifier.types) {
    if (!groups.has(t.groupId))
      throw new ReferenceError(`${file}: type ${t.id} has unknown group ${t.groupId}`);
  }
  return types;
}

function loadScripts(dir: string): Map<string, CallScript> {
  const files = existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.json'))
        .sort()
    : [];
  if (files.length === 0) throw new ReferenceError(`${dir}: no call script (*.json) found`);
  const scripts = new Map<string, CallScript>();
  for (const name of files) {
    const file = join(dir, name);
    const script = readJson(file, CallScript);
    if (scripts.has(script.id)) throw new ReferenceError(`${file}: duplicate script id ${script.id}`);
    scripts.set(script.id, script);
  }
  return scripts;
}

function readCalendar(resourcesDir: string, country: HolidayCalendar['country']): HolidayCalendar {
  const file = join(resourcesDir, 'calendar', `${country.toLowerCase()}.json`);
  const calendar = readJson(file, HolidayCalendar);
  if (calendar.country !== country)
    throw new ReferenceError(`${file}: holds ${calendar.country}, expected ${country}`);
  return calendar;
}

export function loadReference(resourcesDir: string): Result<ReferenceData> {
  try {
    const classifierFile = join(resourcesDir, 'reference', 'classifier.json');
    const executorsFile = join(resourcesDir, 'reference', 'executors.json');
    const contactsFile = join(resourcesDir, 'reference', 'executor-contacts.json');
    const classifier = readJson(classifierFile, Classifier);
    const directory = readJson(executorsFile, ExecutorDirectory);
    const typeById = checkClassifier(classifier, classifierFile);

    // The overlay is optional: without it every contact field stays null.
    if (existsSync(contactsFile)) {
      const overlay = readJson(contactsFile, ExecutorContacts);
      const problem = contactProblems(overlay, directory.executors)[0];
      if (problem) throw new ReferenceError(`${contactsFile}: ${problem}`);
      directory.executors = applyContacts(directory.executors, overlay);
    }
    const executorById = indexUnique(directory.executors, executorsFile, 'executor');

    for (const t of classifier.types) {
      if (t.defaultExecutorId !== null && !executorById.has(t.defaultExecutorId))
        throw new ReferenceError(
          `${classifierFile}: type ${t.id} names unknown executor ${t.defaultExecutorId}`,
        );
    }
    for (const e of directory.executors) {
      const unknown = e.typeIds.find((id) => !typeById.has(id));
      if (unknown !== undefined)
        throw new ReferenceError(`${executorsFile}: executor ${e.id} names unknown question type ${unknown}`);
    }

    const scripts = loadScripts(join(resourcesDir, 'scripts'));
    const ua = readCalendar(resourcesDir, 'UA');
    const kz = readCalendar(resourcesDir, 'KZ');

    return ok({
      classifier,
      executors: directory,
      scripts,
      typeById,
      executorById,
      holidays: { ua: effectiveHolidays(ua), kz: effectiveHolidays(kz) },
    });
  } catch (e) {
    if (e instanceof ReferenceError) return fail('storage_error', `Reference data: ${e.message}`);
    throw e;
  }
}
