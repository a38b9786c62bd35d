// The mix of appeals the lifecycle benchmark loads into the server: the public Kyiv 1551 data set's
// question types, executors and final statuses (../shared/data/kyiv1551), mapped to the server's
// categories, executor ids and lifecycle statuses, in the order the appeals were made.
import { createReadStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import type { AppealStatus, ClosingResult } from '../../src/shared/domain/appeal';
import { Classifier, ExecutorDirectory } from '../../src/shared/domain/reference';
import { KYIV_1551_DATA } from '../support/benchStore';

export interface SourceRow {
  categoryId: string;
  executorId: string;
  status: AppealStatus;
  result: ClosingResult | null;
  short: boolean;
}

// The data set's final statuses (DOMAIN.md), as bench/support/benchStore.ts maps them.
const STATUS: Record<string, [AppealStatus, ClosingResult | null]> = {
  Виконано: ['closed', 'done'],
  'Роз`яснено по суті порушеного питання': ['closed', 'explained'],
  'Виконано власними силами заявника': ['closed', 'done_by_applicant'],
  'Виконано силами Контактного Центру': ['closed', 'done'],
  'Потребує  додаткового фінансування': ['closed', 'needs_funding'],
  'Заплановано на наступні періоди': ['closed', 'planned'],
  'Відмовлено в задоволенні': ['closed', 'refused'],
  'На доопрацюванні виконавцем': ['rework', null],
  'В роботі': ['in_progress', null],
  'Чекає на перевіку контр.відділом': ['awaiting_control_check', null],
  'Чекає на перевіку заявником': ['awaiting_applicant_check', null],
};

const REFERENCE_DIR = join(import.meta.dirname, '../../resources/reference');

/** Every appeal of the data set, oldest first, with the server's ids. */
export async function readSourceRows(): Promise<SourceRow[]> {
  const classifier = Classifier.parse(
    JSON.parse(readFileSync(join(REFERENCE_DIR, 'classifier.json'), 'utf8')),
  );
  const directory = ExecutorDirectory.parse(
    JSON.parse(readFileSync(join(REFERENCE_DIR, 'executors.json'), 'utf8')),
  );
  const typeByName = new Map(classifier.types.map((t) => [t.name, t]));
  const executorByName = new Map(directory.executors.map((e) => [e.name, e.id]));
  const fallback = classifier.types[0]!;
  const lines: { createdAt: string; row: SourceRow }[] = [];
  const input = createReadStream(KYIV_1551_DATA).pipe(createGunzip());
  for await (const line of createInterface({ input, crlfDelay: Infinity })) {
    if (line.trim() === '') continue;
    const source = JSON.parse(line) as {
      createdAt: string;
      category: string;
      executor: string;
      status: string;
    };
    const type = typeByName.get(source.category) ?? fallback;
    const [status, result] = STATUS[source.status] ?? ['in_progress', null];
    lines.push({
      createdAt: source.createdAt,
      row: {
        categoryId: type.id,
        executorId:
          executorByName.get(source.executor) ?? type.defaultExecutorId ?? directory.executors[0]!.id,
        status,
        result,
        short: type.term === 'short',
      },
    });
  }
  return lines.sort((a, b) => a.createdAt.localeCompare(b.createdAt)).map((l) => l.row);
}
