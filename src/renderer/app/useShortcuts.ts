// Global keyboard shortcuts. Keys are matched by physical position (`event.code`), so they work the
// same on the Ukrainian, Russian and Kazakh layouts, where Ctrl+N types Ctrl+"т".
import { useEffect } from 'react';
import { registerAppeal } from '../features/intake/intakeThunks';
import { startNewAppeal } from '../features/intake/newAppeal';
import { saveConsultation } from '../features/consultations/consultationsThunks';
import { useAppDispatch, useAppStore } from './hooks';
import { isTyping } from './keyTargets';
import {
  appealSearchRequested,
  consultationRequested,
  selectShownView,
  selectViews,
  shortcutsHelpOpened,
} from './navigationSlice';

export function useShortcuts(): void {
  const dispatch = useAppDispatch();
  const store = useAppStore();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const ctrl = e.ctrlKey || e.metaKey;
      // A role without the intake form or consultations has no use for their keys.
      const has = (view: 'intake' | 'consultations') => selectViews(store.getState()).includes(view);
      let handled = true;
      if (e.key === 'F1' || (e.key === '?' && !ctrl && !e.altKey && !isTyping(e.target))) {
        dispatch(shortcutsHelpOpened());
      } else if (
        ((ctrl && !e.shiftKey && !e.altKey && e.code === 'KeyN') ||
          (e.altKey && !ctrl && e.code === 'KeyN')) &&
        has('intake')
      ) {
        // A draft with typed work is not dropped unasked.
        dispatch(startNewAppeal());
      } else if (ctrl && !e.shiftKey && e.code === 'KeyS') {
        const view = selectShownView(store.getState());
        if (view === 'intake') void dispatch(registerAppeal());
        else if (view === 'consultations') void dispatch(saveConsultation());
      } else if ((ctrl && !e.shiftKey && e.code === 'KeyF') || (e.key === 'F3' && !ctrl)) {
        dispatch(appealSearchRequested());
      } else if (ctrl && e.shiftKey && e.code === 'KeyC' && has('consultations')) {
        dispatch(consultationRequested());
      } else {
        handled = false;
      }
      if (handled) {
        e.preventDefault();
        e.stopPropagation();
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [dispatch, store]);
}
