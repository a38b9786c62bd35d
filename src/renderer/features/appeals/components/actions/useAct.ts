import { useCallback } from 'react';
import type { LifecycleAction } from '../../../../../shared/domain/lifecycle';
import { useAppDispatch } from '../../../../app/hooks';
import { actOnAppeal } from '../../appealStateThunks';

/** Sends one lifecycle step; true when main took it (a refusal shows in the appeal's notices). */
export function useAct(id: string): (action: LifecycleAction) => Promise<boolean> {
  const dispatch = useAppDispatch();
  return useCallback(
    async (action) => actOnAppeal.fulfilled.match(await dispatch(actOnAppeal({ id, action }))),
    [dispatch, id],
  );
}
