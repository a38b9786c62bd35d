// Call keys, matched by physical position (`event.code`) like the app's other shortcuts, and chosen
// not to collide with them or with text editing: Ctrl+Enter answers, Ctrl+Shift+Backspace rejects
// or hangs up, Ctrl+Shift+H holds, Ctrl+Shift+M mutes. They work while typing in the form: the
// operator is usually typing when the next call rings.
import { useEffect } from 'react';
import { useAppDispatch, useAppStore } from '../../app/hooks';
import { answerCall, endCall, toggleHold, toggleMute } from './softphoneCommands';

export function useSoftphoneShortcuts(): void {
  const dispatch = useAppDispatch();
  const store = useAppStore();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const ctrl = e.ctrlKey || e.metaKey;
      if (!ctrl || e.altKey) return;
      const phase = store.getState().softphone.current.call.phase;
      const inCall = phase === 'active' || phase === 'held';
      let handled = true;
      if (!e.shiftKey && (e.code === 'Enter' || e.code === 'NumpadEnter') && phase === 'ringing')
        void dispatch(answerCall());
      else if (e.shiftKey && e.code === 'Backspace' && phase !== 'idle' && phase !== 'ended')
        void dispatch(endCall());
      else if (e.shiftKey && e.code === 'KeyH' && inCall) void dispatch(toggleHold());
      else if (e.shiftKey && e.code === 'KeyM' && inCall) dispatch(toggleMute());
      else handled = false;
      if (handled) {
        e.preventDefault();
        e.stopPropagation();
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [dispatch, store]);
}
