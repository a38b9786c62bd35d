// Browser-side effects of the pane: device lists, the ringtone, the desktop notification, and the
// getStats() hook the PBX end-to-end tests read.
import { useEffect } from 'react';
import { useAppDispatch, useAppSelector } from '../../app/hooks';
import { useT } from '../../i18n/useT';
import type { AppDispatch, RootState, ThunkExtra } from '../../app/store';
import type { CallStatsSummary } from '../../softphone/softphone';
import { listAudioDevices } from './audioDevices';
import { displayNumber } from './callerDisplay';
import { startRingtone } from './ringtone';
import { devicesListed, devicesUnavailable, selectCall, selectDevices } from './softphoneSlice';

declare global {
  interface Window {
    __softphoneStats?: () => Promise<CallStatsSummary | null>;
  }
}

export function useAudioDeviceList(): void {
  const dispatch = useAppDispatch();
  useEffect(() => {
    let alive = true;
    const refresh = () =>
      void listAudioDevices().then((list) => {
        if (!alive) return;
        dispatch(list ? devicesListed(list) : devicesUnavailable());
      });
    refresh();
    const media = navigator.mediaDevices as MediaDevices | undefined;
    media?.addEventListener?.('devicechange', refresh);
    return () => {
      alive = false;
      media?.removeEventListener?.('devicechange', refresh);
    };
  }, [dispatch]);
}

export function useRinging(): void {
  const t = useT();
  const call = useAppSelector(selectCall);
  const ringerId = useAppSelector(selectDevices).ringerId;
  const country = useAppSelector((s) => (s.app.info?.ruleSet === 'kz' ? 'KZ' : 'UA'));
  const ringingId = call.phase === 'ringing' ? call.callId : null;
  const number = call.phase === 'ringing' ? displayNumber(call.remote.number, country) : '';
  useEffect(() => {
    if (!ringingId) return;
    const tone = startRingtone(ringerId);
    let notification: Notification | null = null;
    if (typeof Notification !== 'undefined' && Notification.permission === 'granted') {
      // The number only, no history: notifications may show on a locked screen.
      notification = new Notification(t('softphone.call.ringing'), {
        body: t('softphone.notification', { number: number || t('softphone.unknownCaller') }),
        tag: ringingId,
        requireInteraction: true,
      });
      notification.onclick = () => window.focus();
    }
    return () => {
      tone?.stop();
      notification?.close();
    };
  }, [ringingId, ringerId, number, t]);
}

/** Asks once for notification permission, when the line first registers (a user-visible moment). */
export function useNotificationPermission(registered: boolean): void {
  useEffect(() => {
    if (registered && typeof Notification !== 'undefined' && Notification.permission === 'default')
      void Notification.requestPermission().catch(() => undefined);
  }, [registered]);
}

const statsOfCurrentCall =
  () =>
  (_d: AppDispatch, getState: () => RootState, { softphone }: ThunkExtra) => {
    const call = selectCall(getState());
    return call.phase === 'idle' || call.phase === 'ended'
      ? Promise.resolve(null)
      : softphone.stats(call.callId);
  };

export function useStatsHook(): void {
  const dispatch = useAppDispatch();
  useEffect(() => {
    window.__softphoneStats = () => dispatch(statsOfCurrentCall());
    return () => {
      delete window.__softphoneStats;
    };
  }, [dispatch]);
}
