// A call was answered: the operator starts on a new appeal with the caller's number already in it.
import { hasTypedWork } from './draftForm';
import { callerNumberFilled, newAppealStarted } from './intakeSlice';
import { intakeRequested } from '../../app/navigationSlice';
import type { AppDispatch, RootState } from '../../app/store';

/**
 * Starts a new intake form with `phone` in the first phone field and shows it. A draft the operator
 * has typed into and not registered is kept (never silently discarded): then only the view opens.
 * A number the app itself filled in for an earlier caller is not the operator's work: it gives way
 * to the new caller's, or an appeal registered now would carry the wrong citizen's number.
 * Returns whether the form was replaced.
 */
export function startIntakeForCaller(phone: string) {
  return (dispatch: AppDispatch, getState: () => RootState): boolean => {
    const { intake } = getState();
    const replace =
      intake.status === 'saved' || !hasTypedWork(intake.form, intake.defaultCity, intake.callerPhone);
    if (replace) {
      dispatch(newAppealStarted());
      if (phone) dispatch(callerNumberFilled(phone));
    }
    dispatch(intakeRequested());
    return replace;
  };
}
