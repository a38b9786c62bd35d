// The screen pop's lookups: the caller's earlier appeals and, from the latest one's address, open
// appeals at their building. Both come from the lookups cache the caller panel reads, so answering
// the call and filling the form in asks main nothing it was already asked while the phone rang.
import { isAnyOf, type PayloadAction } from '@reduxjs/toolkit';
import type { AppStartListening } from '../../app/store';
import { lookupsApi, type Held } from '../lookups/lookupsApi';
import { callCleared, callDialled, callRang, callReplaced, type CallStart } from './callSlice';
import { screenPopFailed, screenPopLoaded, screenPopStarted } from './screenPopSlice';
import { callerPhoneOf } from './softphoneListeners';

export function addScreenPopListeners(start: AppStartListening): void {
  // The pop's entries stay in the cache while the pop is shown (and refetch when main announces
  // a change); released when the pop goes.
  let held: { callId: string; subscriptions: Held[] } | null = null;
  const release = () => {
    held?.subscriptions.forEach((s) => s.unsubscribe());
    held = null;
  };

  start({
    matcher: isAnyOf(callRang, callReplaced),
    effect: async (action, listener) => {
      const { callId, remote } = (action as PayloadAction<CallStart>).payload;
      release();
      const phone = callerPhoneOf(remote.number, listener.getState());
      listener.dispatch(screenPopStarted({ callId, phone }));
      const pop = listener.getState().softphone.screenPop;
      if (!phone || !pop?.history.args) return;
      const mine = { callId, subscriptions: [] as Held[] };
      held = mine;
      const stillShown = () => held === mine;

      const history = listener.dispatch(lookupsApi.endpoints.callerHistory.initiate(pop.history.args));
      mine.subscriptions.push(history);
      const found = await history;
      if (!stillShown()) return;
      if (!found.data) {
        listener.dispatch(screenPopFailed({ callId }));
        return;
      }
      const latest = [...found.data.appeals].sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
      let building: {
        line: string;
        args: { address: { city: string; street: string; building: string } };
      } | null = null;
      if (latest) {
        const appeal = await listener.extra.api.appeals.get({ id: latest.id });
        const address = appeal.ok ? appeal.value.applicant.address : null;
        if (stillShown() && address && address.street.trim() && address.building.trim()) {
          const { city, street, building: house } = address;
          const args = { address: { city, street, building: house } };
          const open = listener.dispatch(lookupsApi.endpoints.buildingAppeals.initiate(args));
          mine.subscriptions.push(open);
          if ((await open).data) building = { line: latest.addressLine, args };
        }
      }
      if (stillShown()) listener.dispatch(screenPopLoaded({ callId, building }));
    },
  });

  start({
    matcher: isAnyOf(callCleared, callDialled),
    effect: (_action, listener) => {
      if (listener.getState().softphone.screenPop === null) release();
    },
  });
}
