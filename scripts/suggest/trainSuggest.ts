// Builds resources/suggest/model.bin from the public Kyiv 1551 data set (all of it).
//   npx tsx scripts/suggest/trainSuggest.ts [--data PATH] [--out FILE] [--check]
// --check rebuilds in memory and fails unless the bytes equal the file's (the build is deterministic).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { readAppeals, readReference } from './appeals';
import { dataLabel, defaultDataFile, referenceFiles, shippedModelFile } from './paths';
import { defaultTrainOptions, trainSuggestModel } from './train';

interface Options {
  data: string;
  out: string;
  check: boolean;
}

function parseArgs(argv: string[]): Options {
  const options: Options = {
    data: defaultDataFile,
    out: shippedModelFile,
    check: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = argv[i + 1];
    if (arg === '--check') options.check = true;
    else if ((arg === '--data' || arg === '--out') && value) {
      options[arg === '--data' ? 'data' : 'out'] = resolve(value);
      i++;
    } else
      throw new Error(
        `Unknown argument: ${arg}. Usage: trainSuggest.ts [--data PATH] [--out FILE] [--check]`,
      );
  }
  return options;
}

async function main(): Promise<number> {
  const options = parseArgs(process.argv.slice(2));
  if (!existsSync(options.data)) {
    console.info(`Data set not found at ${options.data}: the model is left as committed.`);
    return 0;
  }
  const started = performance.now();
  const reference = readReference(referenceFiles.classifier, referenceFiles.executors);
  const { appeals, skipped } = await readAppeals(options.data, reference);
  const { bytes, report } = trainSuggestModel(appeals, reference, {
    ...defaultTrainOptions,
    data: dataLabel(options.data),
  });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.info(
    `Trained on ${report.appeals} appeals (${skipped} lines skipped): ${report.categories} question types, ` +
      `${report.executors} executors, ${report.weights} weights, ${(report.bytes / 1e6).toFixed(2)} MB, ${seconds} s`,
  );
  if (options.check) {
    const same = existsSync(options.out) && Buffer.compare(readFileSync(options.out), bytes) === 0;
    console.info(
      same ? `${options.out} is up to date (same bytes)` : `${options.out} differs from a fresh build`,
    );
    return same ? 0 : 1;
  }
  mkdirSync(dirname(options.out), { recursive: true });
  writeFileSync(options.out, bytes);
  console.info(`Wrote ${options.out}`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
