// A call was answered: the operator starts on a new appeal with the caller's number already in it.
import { emptyForm, phonePath, type DraftForm } from './draftForm';
import { fieldBlurred, newAppealStarted, phoneEdited } from './intakeSlice';
import { intakeRequested } from '../../app/navigationSlice';
import type { AppDispatch, RootState } from '../../app/store';

/** Plain data built in the same key order: JSON comparison is exact here. */
const sameForm = (a: DraftForm, b: DraftForm) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Starts a new intake form with `phone` in the first phone field and shows it. A draft the operator
 * has typed into and not registered is kept (never silently discarded): then only the view opens.
 * Returns whether the form was replaced.
 */
export function startIntakeForCaller(phone: string) {
  return (dispatch: AppDispatch, getState: () => RootState): boolean => {
    const { intake } = getState();
    const pristine = sameForm(intake.form, emptyForm(intake.defaultCity));
    const replace = pristine || intake.status === 'saved';
    if (replace) {
      dispatch(newAppealStarted());
      if (phone) {
        dispatch(phoneEdited({ index: 0, value: phone }));
        dispatch(fieldBlurred(phonePath(0)));
      }
    }
    dispatch(intakeRequested());
    return replace;
  };
}
