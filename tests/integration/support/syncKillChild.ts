// Child process of syncKill.test.ts: signs in, registers appeals and lets the sync engine push
// them; prints each appeal id once its local commit returned, until it is killed.
import { envKeyProvider } from '../../../src/main/security/keyProvider';
import { openWorkstation } from '../../../src/main/workstation';
import { withParsedInput } from '../../../src/main/ipc/test/parsedHandlers';
import { AppealDraft } from '../../../src/shared/domain/appeal';
import { draftInput } from './drafts';
import { FAST } from './syncWorkstation';

const { SYNC_DATA_DIR: dataDir, SYNC_RESOURCES_DIR: resourcesDir, SYNC_SERVER_URL: serverUrl } = process.env;
if (!dataDir || !resourcesDir || !serverUrl)
  throw new Error('SYNC_DATA_DIR, SYNC_RESOURCES_DIR, SYNC_SERVER_URL');

const opened = await openWorkstation({
  dataDir,
  resourcesDir,
  keyProvider: envKeyProvider(),
  host: 'web',
  sync: { serverUrl, tuning: FAST },
});
if (!opened.ok) {
  console.error(opened.error.message);
  process.exit(2);
}
const { handlers } = withParsedInput(opened.value);
const ctx = { senderId: 'kill-test' };
const login = await handlers['auth:login']({ username: 'olena', password: 'correct horse' }, ctx);
if (!login.ok) throw new Error(login.error.message);
for (let i = 0; i < 40; i++) {
  const result = await handlers['appeals:create'](
    AppealDraft.strict().parse(draftInput({ essence: `Немає гарячої води, звернення ${i}` })),
    ctx,
  );
  if (!result.ok) throw new Error(result.error.message);
  process.stdout.write(`appeal ${result.value.id}\n`);
  await new Promise((r) => setTimeout(r, 5));
}
// Stay alive with the sync engine running until killed.
setInterval(() => undefined, 1_000);
