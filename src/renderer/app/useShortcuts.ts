// Global keyboard shortcuts. Keys are matched by physical position (`event.code`), so they work the
// same on the Ukrainian, Russian and Kazakh layouts, where Ctrl+N types Ctrl+"т".
import { useEffect } from 'react';
import { registerAppeal } from '../features/intake/intakeThunks';
import { startNewAppeal } from '../features/intake/newAppeal';
import { saveConsultation } from '../features/consultations/consultationsThunks';
import { useAppDispatch, useAppStore } from './hooks';
import { appealSearchRequested, consultationRequested, shortcutsHelpOpened } from './navigationSlice';

const isTyping = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

export function useShortcuts(): void {
  const dispatch = useAppDispatch();
  const store = useAppStore();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const ctrl = e.ctrlKey || e.metaKey;
      let handled = true;
      if (e.key === 'F1' || (e.key === '?' && !ctrl && !e.altKey && !isTyping(e.target))) {
        dispatch(shortcutsHelpOpened());
      } else if (
        (ctrl && !e.shiftKey && !e.altKey && e.code === 'KeyN') ||
        (e.altKey && !ctrl && e.code === 'KeyN')
      ) {
        // A draft with typed work is not dropped unasked.
        dispatch(startNewAppeal());
      } else if (ctrl && !e.shiftKey && e.code === 'KeyS') {
        const view = store.getState().navigation.view;
        if (view === 'intake') void dispatch(registerAppeal());
        else if (view === 'consultations') void dispatch(saveConsultation());
      } else if ((ctrl && !e.shiftKey && e.code === 'KeyF') || (e.key === 'F3' && !ctrl)) {
        dispatch(appealSearchRequested());
      } else if (ctrl && e.shiftKey && e.code === 'KeyC') {
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
