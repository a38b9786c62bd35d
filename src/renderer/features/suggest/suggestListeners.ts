// Asks main for suggestions as the form changes. One query at a time, the latest form wins: a
// keystroke is sent at once when nothing is in flight, and keystrokes typed meanwhile become one
// query when the answer is in. So there is no fixed delay to wait out, and a slow answer never
// piles up requests behind it. The first query (on load, with no text) also makes main load the
// model, so it is ready, or known to be missing, by the time the operator types the essence.
import { loadWorkstation } from '../../app/appThunks';
import { selectViews } from '../../app/navigationSlice';
import type { AppStartListening, RootState } from '../../app/store';
import { queryKey, suggestQueryOf } from './suggestQuery';
import { suggestionsAnswered, suggestionsCleared } from './suggestSlice';

const WARM_UP = { text: '', limits: { categories: 0, executors: 0 } };

export function addSuggestListeners(start: AppStartListening): void {
  let running = false;
  /** The key last asked (or cleared); undefined: nothing asked yet. */
  let asked: string | null | undefined;
  start({
    predicate: (action, current: RootState, previous: RootState) =>
      loadWorkstation.fulfilled.match(action) || current.intake.form !== previous.intake.form,
    effect: async (_action, listener) => {
      if (running) return;
      running = true;
      try {
        for (;;) {
          const state = listener.getState();
          if (!selectViews(state).includes('intake') || state.suggest.model === 'unavailable') return;
          const query = suggestQueryOf(state.intake.form);
          const key = queryKey(query);
          if (query === null && state.suggest.model === 'unknown' && asked === undefined) {
            asked = null;
            const result = await listener.extra.api.suggest.query(WARM_UP);
            if (result.ok) listener.dispatch(suggestionsAnswered({ key: null, answer: result.value }));
            continue;
          }
          if (key === asked) return;
          asked = key;
          if (query === null) {
            listener.dispatch(suggestionsCleared());
            continue;
          }
          const result = await listener.extra.api.suggest.query(query);
          // A refused query (it cannot be, short of a bug) leaves the pickers as they are.
          if (result.ok) listener.dispatch(suggestionsAnswered({ key, answer: result.value }));
        }
      } finally {
        running = false;
      }
    },
  });
}
