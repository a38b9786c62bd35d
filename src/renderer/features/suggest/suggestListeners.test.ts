import { ok } from '../../../shared/result';
import type { SuggestAnswer } from '../../../shared/ipc/suggest';
import { makeStore } from '../../app/store';
import { loadWorkstation } from '../../app/appThunks';
import { createFakeApi } from '../../test/fakeApi';
import { categoryChosen, newAppealStarted, textFieldEdited } from '../intake/intakeSlice';
import { queryKey, suggestQueryOf } from './suggestQuery';
import { emptyForm } from '../intake/draftForm';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const hotWater: SuggestAnswer = {
  model: 'ready',
  categories: [{ id: 't-hot-water', groupId: 'g-housing', confidence: 0.7 }],
  executors: [{ id: 'e-teplo', confidence: 0.9 }],
};
const type = (value: string) => textFieldEdited({ field: 'essence', value });

describe('the query a form makes', () => {
  it('carries the essence cut where the model stops reading, the district and the chosen category', () => {
    const form = { ...emptyForm('Київ'), essence: `  ${'вода '.repeat(2000)}`, categoryId: 't-hot-water' };
    form.address.district = ' Оболонський ';
    const query = suggestQueryOf(form)!;
    expect(query.text).toHaveLength(4000);
    expect(query).toMatchObject({ district: 'Оболонський', categoryId: 't-hot-water' });
  });

  it('is none without an essence or a category, and the same form makes the same key', () => {
    expect(suggestQueryOf({ ...emptyForm(''), essence: '   ' })).toBeNull();
    const form = { ...emptyForm(''), essence: 'вода' };
    expect(queryKey(suggestQueryOf(form))).toBe(queryKey(suggestQueryOf({ ...form, fullName: 'Іван' })));
    expect(queryKey(suggestQueryOf(form))).not.toBe(queryKey(suggestQueryOf({ ...form, categoryId: 't-x' })));
  });
});

describe('suggestion queries', () => {
  it('warms the model up once as the workstation loads, before anything is typed', async () => {
    const fake = createFakeApi();
    const store = makeStore(fake.api);
    await store.dispatch(loadWorkstation());
    await sleep(10);
    expect(fake.callsTo('suggest:query')).toEqual([{ text: '', limits: { categories: 0, executors: 0 } }]);
    expect(store.getState().suggest.model).toBe('ready');
  });

  it('sends a keystroke at once, folds the keystrokes typed while it is answered into one, and shows the latest', async () => {
    const answered: string[] = [];
    const fake = createFakeApi({
      overrides: {
        'suggest:query': async (query) => {
          await sleep(30);
          answered.push(query.text);
          return ok(hotWater);
        },
      },
    });
    const store = makeStore(fake.api);
    await store.dispatch(loadWorkstation());
    await sleep(40);
    answered.length = 0;
    store.dispatch(type('в'));
    store.dispatch(type('во'));
    store.dispatch(type('вод'));
    store.dispatch(type('вода'));
    await sleep(100);
    expect(answered).toEqual(['в', 'вода']);
    expect(store.getState().suggest.forKey).toBe(queryKey({ text: 'вода' }));
    expect(store.getState().suggest.categories).toEqual(hotWater.categories);
  });

  it('asks again for the chosen category, and empties on a new appeal without asking', async () => {
    const fake = createFakeApi({ suggest: { answer: () => hotWater } });
    const store = makeStore(fake.api);
    await store.dispatch(loadWorkstation());
    store.dispatch(type('вода'));
    await sleep(10);
    store.dispatch(categoryChosen({ id: 't-hot-water', defaultExecutorId: 'e-teplo' }));
    await sleep(10);
    expect(fake.callsTo('suggest:query').at(-1)).toMatchObject({ text: 'вода', categoryId: 't-hot-water' });
    const asked = fake.callsTo('suggest:query').length;
    store.dispatch(newAppealStarted());
    await sleep(10);
    expect(fake.callsTo('suggest:query')).toHaveLength(asked);
    expect(store.getState().suggest.categories).toEqual([]);
  });

  it('stops asking once main says the model is unavailable', async () => {
    const fake = createFakeApi({
      suggest: { answer: () => ({ model: 'unavailable', reason: 'corrupt', message: 'checksum mismatch' }) },
    });
    const store = makeStore(fake.api);
    await store.dispatch(loadWorkstation());
    await sleep(10);
    store.dispatch(type('вода'));
    await sleep(10);
    expect(fake.callsTo('suggest:query')).toHaveLength(1);
    expect(store.getState().suggest.unavailable).toEqual({ reason: 'corrupt', message: 'checksum mismatch' });
  });
});
