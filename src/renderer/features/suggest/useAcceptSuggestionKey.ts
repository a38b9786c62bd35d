// Alt+Enter takes the first suggestion wherever the cursor is on the intake form, the essence
// included (that is where it is pressed most). Matched by physical key, so it works on every
// layout; no other shortcut of the app uses Alt+Enter (README, "Keyboard").
import { useEffect } from 'react';
import { useAppDispatch } from '../../app/hooks';
import { dialogOpen } from '../../app/keyTargets';
import { acceptFirstSuggestion } from './acceptSuggestion';

export const isAcceptKey = (e: Pick<KeyboardEvent, 'altKey' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'code'>) =>
  e.altKey && !e.ctrlKey && !e.metaKey && !e.shiftKey && (e.code === 'Enter' || e.code === 'NumpadEnter');

export function useAcceptSuggestionKey(): void {
  const dispatch = useAppDispatch();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!isAcceptKey(e) || dialogOpen()) return;
      e.preventDefault();
      e.stopPropagation();
      void dispatch(acceptFirstSuggestion());
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [dispatch]);
}
