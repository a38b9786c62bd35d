import { ok } from '../../../shared/result';
import { makeStore } from '../../app/store';
import { loadWorkstation } from '../../app/appThunks';
import { createFakeApi } from '../../test/fakeApi';
import { storedAppeal } from '../../test/fixtures';
import { phoneEdited } from '../intake/intakeSlice';
import { selectCallerHistory } from './callerPanelSlice';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('caller lookups', () => {
  it('waits for a pause in typing and looks up only the number typed last', async () => {
    const fake = createFakeApi({ appeals: [storedAppeal()] });
    const store = makeStore(fake.api, { lookupDelayMs: 40 });
    await store.dispatch(loadWorkstation());
    store.dispatch(phoneEdited({ index: 0, value: '0671234568' }));
    await sleep(10);
    store.dispatch(phoneEdited({ index: 0, value: '0671234567' }));
    await sleep(120);
    expect(fake.callsTo('lookup:caller')).toEqual([{ phone: '+380671234567' }]);
    expect(selectCallerHistory(store.getState()).data?.appeals.map((a) => a.id)).toEqual(['a-1']);
  });

  it('drops an answer that arrives after the operator moved on to another number', async () => {
    const fake = createFakeApi({
      appeals: [storedAppeal()],
      overrides: {
        'lookup:caller': async ({ phone }) => {
          // The first number's answer is slow and would otherwise overwrite the second's.
          await sleep(phone === '+380671234567' ? 80 : 0);
          return ok({ appeals: [], consultations: [] });
        },
      },
    });
    const store = makeStore(fake.api, { lookupDelayMs: 0 });
    await store.dispatch(loadWorkstation());
    store.dispatch(phoneEdited({ index: 0, value: '0671234567' }));
    await sleep(20);
    store.dispatch(phoneEdited({ index: 0, value: '0441234567' }));
    await sleep(150);
    expect(selectCallerHistory(store.getState()).key).toBe('+380441234567');
    expect(selectCallerHistory(store.getState()).status).toBe('loaded');
  });

  it('clears the history when the phone is erased', async () => {
    const fake = createFakeApi({ appeals: [storedAppeal()] });
    const store = makeStore(fake.api, { lookupDelayMs: 0 });
    await store.dispatch(loadWorkstation());
    store.dispatch(phoneEdited({ index: 0, value: '0671234567' }));
    await sleep(30);
    store.dispatch(phoneEdited({ index: 0, value: '' }));
    await sleep(30);
    expect(selectCallerHistory(store.getState())).toMatchObject({ key: null, status: 'idle' });
  });
});
