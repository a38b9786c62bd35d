import { useCallback } from 'react';
import { useAppDispatch, useAppStore } from '../../../app/hooks';
import { consultationRequested } from '../../../app/navigationSlice';
import { consultationDraftedFromIntake } from '../../consultations/consultationsSlice';
import { draftHandedToConsultation } from '../intakeSlice';

/** Carries what the operator already typed (phone, question, category) over to a consultation. */
export function useStartConsultation(): () => void {
  const dispatch = useAppDispatch();
  const store = useAppStore();
  return useCallback(() => {
    const form = store.getState().intake.form;
    dispatch(
      consultationDraftedFromIntake({
        phone: form.phones.find((p) => p.trim() !== '') ?? '',
        question: form.essence,
        answer: '',
        categoryId: form.categoryId,
        executorId: form.executorId,
      }),
    );
    // Once the consultation is saved, this draft has been dealt with (intakeSlice clears it).
    dispatch(draftHandedToConsultation());
    dispatch(consultationRequested());
  }, [dispatch, store]);
}
