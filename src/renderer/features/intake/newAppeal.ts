// Ctrl+N and the form's discard button: a new appeal, never at the cost of typed work unasked.
import { intakeRequested } from '../../app/navigationSlice';
import type { AppDispatch, RootState } from '../../app/store';
import { hasTypedWork } from './draftForm';
import { callerNumberFilled, draftDiscardAsked, newAppealStarted } from './intakeSlice';

/**
 * Opens a new appeal form. A registered appeal or a form without the operator's typing gives way
 * at once; a draft with typed work stays until the operator confirms it may go (`discardDraft`).
 */
export function startNewAppeal() {
  return (dispatch: AppDispatch, getState: () => RootState): void => {
    const { intake } = getState();
    if (intake.status === 'saved') {
      dispatch(newAppealStarted());
    } else if (!hasTypedWork(intake.form, intake.defaultCity, intake.callerPhone)) {
      // Nothing of the operator's: start clean (no leftover problems shown), keeping the number
      // the app filled in for the caller on the line.
      const { callerPhone } = intake;
      dispatch(newAppealStarted());
      if (callerPhone && intake.form.phones[0] === callerPhone) dispatch(callerNumberFilled(callerPhone));
    } else if (intake.status === 'editing') {
      dispatch(draftDiscardAsked());
    }
    dispatch(intakeRequested());
  };
}

/** The operator confirmed: the draft goes and the cursor is on the new form's first field. */
export function discardDraft() {
  return (dispatch: AppDispatch): void => {
    dispatch(newAppealStarted());
    dispatch(intakeRequested());
  };
}
