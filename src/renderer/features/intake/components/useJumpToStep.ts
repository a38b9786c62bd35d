import { useCallback } from 'react';
import { useAppDispatch } from '../../../app/hooks';
import { scriptStepReached } from '../intakeSlice';

const FOCUSABLE =
  'input:not([disabled]):not([type="hidden"]):not([tabindex="-1"]), textarea:not([disabled]), select:not([disabled])';

/** Highlights a step of the script and puts the cursor in its first field. */
export function useJumpToStep(): (stepId: string) => void {
  const dispatch = useAppDispatch();
  return useCallback(
    (stepId: string) => {
      dispatch(scriptStepReached(stepId));
      const section = document.querySelector<HTMLElement>(`[data-step-ids~="${CSS.escape(stepId)}"]`);
      const target = section?.querySelector<HTMLElement>(FOCUSABLE);
      if (target) {
        target.focus();
        target.scrollIntoView?.({ block: 'nearest' });
      }
    },
    [dispatch],
  );
}
