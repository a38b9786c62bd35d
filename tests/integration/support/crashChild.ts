// Child process of storeCrash.test.ts: registers appeals (and some consultations) as fast as it
// can and prints each id only after its transaction has committed, until it is killed.
import { envKeyProvider } from '../../../src/main/security/keyProvider';
import { openWorkstation } from '../../../src/main/workstation';
import { withParsedInput } from '../../../src/main/ipc/test/parsedHandlers';
import { draftInput } from './drafts';

const dataDir = process.env.CRASH_DATA_DIR;
const resourcesDir = process.env.CRASH_RESOURCES_DIR;
if (!dataDir || !resourcesDir) throw new Error('CRASH_DATA_DIR and CRASH_RESOURCES_DIR are required');

const opened = await openWorkstation({ dataDir, resourcesDir, keyProvider: envKeyProvider(), host: 'web' });
if (!opened.ok) {
  console.error(opened.error.message);
  process.exit(2);
}
const { handlers } = withParsedInput(opened.value);
const ctx = { senderId: 'crash-test' };
process.stdout.write('ready\n');

for (let i = 0; ; i++) {
  if (i % 5 === 4) {
    const c = await handlers['consultations:create'](
      {
        channel: 'phone',
        phone: '+380441110000',
        categoryId: '',
        executorId: '',
        question: `Питання ${i}`,
        answer: 'Так',
      },
      ctx,
    );
    if (!c.ok) throw new Error(c.error.message);
    process.stdout.write(`consultation ${c.value.id}\n`);
    continue;
  }
  const input = draftInput({
    essence: `Немає гарячої води, звернення ${i}`,
    applicant: { fullName: `Заявник Номер${i}`, phones: [`0671${String(i % 1_000_000).padStart(6, '0')}`] },
  });
  const result = await handlers['appeals:create'](input as never, ctx);
  if (!result.ok) throw new Error(result.error.message);
  process.stdout.write(`appeal ${result.value.id}\n`);
}
