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
import {
  buildingAppealsLoaded,
  callerHistoryLoaded,
  lookupCleared,
  lookupFailed,
  lookupStarted,
  repeatChecked,
} from './callerPanelSlice';
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
 * screen by the time the operator looks at it, without a request per keystroke.
 */
export function addCallerPanelListeners(start: AppStartListening, delayMs: number): void {
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
      const { api } = listener.extra;
      const form = state.intake.form;
      const ruleSet = state.app.info?.ruleSet ?? 'ua';
      const { dispatch } = listener;
      const tasks: Promise<void>[] = [];

      const phone = callerPhone(form, ruleSet);
      if (!phone) {
        if (state.callerPanel.history.key !== null) dispatch(lookupCleared('history'));
      } else if (phone !== state.callerPanel.history.key) {
        dispatch(lookupStarted({ lookup: 'history', key: phone }));
        tasks.push(
          api.lookup.caller({ phone }).then((r) => {
            if (r.ok) dispatch(callerHistoryLoaded({ key: phone, ...r.value }));
            else dispatch(lookupFailed({ lookup: 'history', key: phone, message: r.error.message }));
          }),
        );
      }

      const address = buildingOf(form);
      const bKey = address ? buildingKey(address) : null;
      if (!address || !bKey) {
        if (state.callerPanel.building.key !== null) dispatch(lookupCleared('building'));
      } else if (bKey !== state.callerPanel.building.key) {
        dispatch(lookupStarted({ lookup: 'building', key: bKey }));
        tasks.push(
          api.lookup.building({ address }).then((r) => {
            if (r.ok) dispatch(buildingAppealsLoaded({ key: bKey, openAppeals: r.value.openAppeals }));
            else dispatch(lookupFailed({ lookup: 'building', key: bKey, message: r.error.message }));
          }),
        );
      }

      // Art. 8 needs the same person and the same issue: name, address and category together.
      const name = form.fullName.trim();
      if (!name || !address || !form.categoryId) {
        if (state.callerPanel.repeat.key !== null) dispatch(lookupCleared('repeat'));
      } else {
        const phones = form.phones
          .map((p) => normalizePhone(p, ruleSet === 'kz' ? 'KZ' : 'UA'))
          .filter((p): p is string => p !== null);
        const probe = {
          applicantName: name,
          phones,
          iin: ruleSet === 'kz' ? form.iin.trim() : '',
          address,
          categoryId: form.categoryId,
        };
        const rKey = JSON.stringify(probe);
        if (rKey !== state.callerPanel.repeat.key) {
          dispatch(lookupStarted({ lookup: 'repeat', key: rKey }));
          tasks.push(
            api.appeals.checkRepeat(probe).then((r) => {
              if (r.ok) dispatch(repeatChecked({ key: rKey, verdict: r.value }));
              else dispatch(lookupFailed({ lookup: 'repeat', key: rKey, message: r.error.message }));
            }),
          );
        }
      }
      await Promise.all(tasks);
    },
  });
}
