// The work lists by keyboard: ↑ ↓ move the selection, Enter opens the selected appeal, Alt+1…9
// switch lists (by physical key, whatever the keyboard layout). Only while nothing is typed and no
// dialog is open above the list.
import { useEffect } from 'react';
import type { WorkListId } from '../../../../shared/domain/worklists';
import { useAppDispatch, useAppStore } from '../../../app/hooks';
import { dialogOpen, isControl, isTyping } from '../../../app/keyTargets';
import { appealDetailOpened } from '../../../app/navigationSlice';
import { selectionMoved, workListChosen } from '../worklistsSlice';

export function useWorkListKeys(lists: readonly WorkListId[]): void {
  const dispatch = useAppDispatch();
  const store = useAppStore();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (dialogOpen() || e.ctrlKey || e.metaKey) return;
      const digit = /^(?:Digit|Numpad)([1-9])$/.exec(e.code);
      if (e.altKey) {
        const list = digit ? lists[Number(digit[1]) - 1] : undefined;
        if (!list) return;
        e.preventDefault();
        dispatch(workListChosen({ list }));
        return;
      }
      if (isTyping(e.target)) return;
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        dispatch(selectionMoved(e.key === 'ArrowDown' ? 1 : -1));
      } else if (e.key === 'Enter' && !isControl(e.target)) {
        const selected = store.getState().worklists.selectedId;
        if (selected === null) return;
        e.preventDefault();
        dispatch(appealDetailOpened(selected));
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [dispatch, store, lists]);
}
