// Where the suggestion scripts read and write, and how they name the data they trained on.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { SUGGEST_MODEL_PATH } from '../../src/shared/suggest';

export const projectRoot = resolve(import.meta.dirname, '../..');
export const defaultDataFile = resolve(projectRoot, '../shared/data/kyiv1551/appeals-dev.jsonl.gz');
export const shippedModelFile = resolve(projectRoot, SUGGEST_MODEL_PATH);
export const referenceFiles = {
  classifier: resolve(projectRoot, 'resources/reference/classifier.json'),
  executors: resolve(projectRoot, 'resources/reference/executors.json'),
};

/** Names the data by content, not by path or time, so the header is the same on every machine. */
export const dataLabel = (file: string): string =>
  `${basename(file)} sha256:${createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 16)}`;
