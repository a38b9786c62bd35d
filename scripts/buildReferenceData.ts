// Builds resources/reference/{classifier,executors}.json from the public Kyiv 1551 data set.
//   npx tsx scripts/buildReferenceData.ts [--data PATH] [--out DIR] [--list-other]
// The data set is not in the repository; without it the committed reference data stays as it is.
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { ExecutorContacts, contactProblems } from '../src/main/core/reference/executorContacts';
import { tallyFile } from './reference/appeals';
import { buildReference, sha256, toJson, typeNameMarks, type BuildRules } from './reference/build';
import { groupOf, groupRules } from './reference/groupRules';
import { groups, OTHER_GROUP_ID } from './reference/groups';
import { termRules } from './reference/termRules';

const projectRoot = resolve(import.meta.dirname, '..');

interface Options {
  data: string;
  out: string;
  listOther: boolean;
}

function parseArgs(argv: string[]): Options {
  const options: Options = {
    data: resolve(projectRoot, '../shared/data/kyiv1551/appeals-dev.jsonl.gz'),
    out: resolve(projectRoot, 'resources/reference'),
    listOther: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = argv[i + 1];
    if (arg === '--list-other') {
      options.listOther = true;
    } else if ((arg === '--data' || arg === '--out') && value) {
      options[arg === '--data' ? 'data' : 'out'] = resolve(value);
      i++;
    } else {
      throw new Error(
        `Unknown argument: ${arg}. Usage: buildReferenceData.ts [--data PATH] [--out DIR] [--list-other]`,
      );
    }
  }
  return options;
}

function readContacts(file: string): ExecutorContacts {
  if (!existsSync(file)) return { contacts: {} };
  const parsed = ExecutorContacts.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`${file}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  return parsed.data;
}

const percent = (part: number, whole: number): string => `${((100 * part) / Math.max(whole, 1)).toFixed(1)}%`;

async function main(): Promise<number> {
  const options = parseArgs(process.argv.slice(2));
  if (!existsSync(options.data)) {
    console.info(`Data set not found at ${options.data}: reference data left as committed.`);
    return 0;
  }
  const contactsFile = join(options.out, 'executor-contacts.json');
  const contacts = readContacts(contactsFile);
  const rules: BuildRules = { groups, groupRules, termRules, typeNameMarks };
  const tally = await tallyFile(options.data);
  // The version changes exactly when an input changes: the data file, a rule table or the overlay.
  const version = sha256(sha256(readFileSync(options.data)) + toJson(rules) + toJson(contacts)).slice(0, 16);
  const source =
    `Kyiv 1551 public appeals (lang-uk/1551.gov.ua collection, published on 1551.gov.ua with the applicants' ` +
    `consent), file ${basename(options.data)}: ${tally.appeals} appeals, 2013-2015. Groups and answer terms ` +
    `from the rule tables in scripts/reference; contacts from executor-contacts.json.`;
  const { classifier, executors, report } = buildReference({ tally, rules, contacts, version, source });

  const problems = contactProblems(contacts, executors.executors);
  if (problems.length > 0) throw new Error(`${contactsFile}: ${problems.join('; ')}`);

  mkdirSync(options.out, { recursive: true });
  writeFileSync(join(options.out, 'classifier.json'), toJson(classifier));
  writeFileSync(join(options.out, 'executors.json'), toJson(executors));

  console.info(`version ${version}: ${report.appeals} appeals (${report.skippedLines} lines skipped)`);
  console.info(
    `${report.types} question types (${report.shortTypes} short-term), ${report.executors} executors`,
  );
  console.info(
    `"other": ${report.otherTypes} types (${percent(report.otherTypes, report.types)}), ` +
      `${report.otherAppeals} appeals (${percent(report.otherAppeals, report.appeals)})`,
  );
  for (const g of report.topGroups)
    console.info(
      `  ${g.id.padEnd(16)} ${String(g.types).padStart(4)} types  ${percent(g.appeals, report.appeals).padStart(6)} of appeals`,
    );
  if (options.listOther) {
    for (const t of classifier.types
      .filter((t) => groupOf(t.name) === OTHER_GROUP_ID)
      .sort((a, b) => b.frequency - a.frequency))
      console.info(`  other: ${t.frequency}\t${t.name}`);
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
