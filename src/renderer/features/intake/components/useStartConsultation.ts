import { useCallback } from 'react';
import { useAppDispatch, useAppStore } from '../../../app/hooks';
import { consultationRequested } from '../../../app/navigationSlice';
import { consultationDraftedFromIntake } from '../../consultations/consultationsSlice';

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
    dispatch(consultationRequested());
  }, [dispatch, store]);
}
