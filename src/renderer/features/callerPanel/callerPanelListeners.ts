import { isAnyOf } from '@reduxjs/toolkit';
import { buildingKey, normalizePhone } from '../../../shared/domain';
import type { AppStartListening } from '../../app/store';
import {
  categoryChosen,
  newAppealStarted,
  phoneAdded,
  phoneEdited,
  phoneRemoved,
  textFieldEdited,
} from '../intake/intakeSlice';
import { appealNumberOf } from '../../../shared/domain/appealNumber';
import { lookupCleared, lookupStarted, numberLookupEdited, type LookupName } from './callerPanelSlice';
import { lookupsApi, type Held, type RepeatCheckArgs } from '../lookups/lookupsApi';
import type { DraftForm } from '../intake/draftForm';
import type { RuleSetId } from '../../../shared/domain/deadlines';

export function callerPhone(form: DraftForm, ruleSet: RuleSetId): string | null {
  for (const raw of form.phones) {
    const e164 = normalizePhone(raw, ruleSet === 'kz' ? 'KZ' : 'UA');
    if (e164) return e164;
  }
  return null;
}

export function buildingOf(form: DraftForm) {
  const { city, street, building } = form.address;
  if (!city.trim() || !street.trim() || !building.trim()) return null;
  return { city: city.trim(), street: street.trim(), building: building.trim() };
}

/**
 * Lookups follow the operator's typing after a short pause (`delayMs`), so a caller's history is on
 * screen by the time the operator looks at it, without a request per keystroke. The panel holds a
 * subscription to each entry it shows, released when its key changes, so the cache keeps it as
 * long as it is on screen and refetches it when main announces a change.
 */
export function addCallerPanelListeners(start: AppStartListening, delayMs: number): void {
  const held = new Map<LookupName, Held>();
  const release = (name: LookupName) => {
    held.get(name)?.unsubscribe();
    held.delete(name);
  };
  start({
    matcher: isAnyOf(
      phoneEdited,
      phoneAdded,
      phoneRemoved,
      textFieldEdited,
      categoryChosen,
      newAppealStarted,
    ),
    effect: async (_action, listener) => {
      listener.cancelActiveListeners();
      await listener.delay(delayMs);
      const state = listener.getState();
      const form = state.intake.form;
      const ruleSet = state.app.info?.ruleSet ?? 'ua';
      const { dispatch } = listener;
      const { endpoints } = lookupsApi;
      const tasks: Promise<unknown>[] = [];
      const follow = (name: LookupName, key: string | null, fetch: () => Held & Promise<unknown>) => {
        if (key === null) {
          if (state.callerPanel[name].key !== null) dispatch(lookupCleared(name));
          release(name);
        } else if (key !== state.callerPanel[name].key || !held.has(name)) {
          release(name);
          const subscription = fetch();
          held.set(name, subscription);
          tasks.push(subscription);
        }
      };

      const phone = callerPhone(form, ruleSet);
      follow('history', phone, () => {
        const args = { phone: phone! };
        dispatch(lookupStarted({ lookup: 'history', key: phone!, args }));
        return dispatch(endpoints.callerHistory.initiate(args));
      });

      const address = buildingOf(form);
      const bKey = address ? buildingKey(address) : null;
      follow('building', address && bKey, () => {
        const args = { address: address! };
        dispatch(lookupStarted({ lookup: 'building', key: bKey!, args }));
        return dispatch(endpoints.buildingAppeals.initiate(args));
      });

      // Art. 8 needs the same person and the same issue: name, address and category together.
      const name = form.fullName.trim();
      let probe: RepeatCheckArgs | null = null;
      if (name && address && form.categoryId) {
        const phones = form.phones
          .map((p) => normalizePhone(p, ruleSet === 'kz' ? 'KZ' : 'UA'))
          .filter((p): p is string => p !== null);
        probe = {
          applicantName: name,
          phones,
          iin: ruleSet === 'kz' ? form.iin.trim() : '',
          address,
          categoryId: form.categoryId,
        };
      }
      const rKey = probe && JSON.stringify(probe);
      follow('repeat', rKey, () => {
        dispatch(lookupStarted({ lookup: 'repeat', key: rKey!, args: probe! }));
        return dispatch(endpoints.repeatCheck.initiate(probe!));
      });
      await Promise.all(tasks);
    },
  });
  // The number box: once what is typed is a whole number, the appeal it names is looked up.
  start({
    matcher: isAnyOf(numberLookupEdited, newAppealStarted),
    effect: async (_action, listener) => {
      listener.cancelActiveListeners();
      await listener.delay(delayMs);
      const state = listener.getState();
      const number = appealNumberOf(state.callerPanel.numberText)?.number ?? null;
      if (number === null) {
        if (state.callerPanel.number.key !== null) listener.dispatch(lookupCleared('number'));
        release('number');
        return;
      }
      if (number === state.callerPanel.number.key && held.has('number')) return;
      release('number');
      listener.dispatch(lookupStarted({ lookup: 'number', key: number, args: { number } }));
      const subscription = listener.dispatch(lookupsApi.endpoints.appealByNumber.initiate({ number }));
      held.set('number', subscription);
      await subscription;
    },
  });
}
