// How an incident reads on screen, in the user's language: its category group's name (from the
// workstation's classifier), since when (a time today, a date and time before), and the words for
// the caller (the center's own script, or the screen's default built from the facts).
import { useMemo } from 'react';
import { pickText } from '../../../shared/domain/i18nText';
import type { IncidentView } from '../../../shared/ipc/incidents';
import { selectAppInfo, selectLocale } from '../../app/appSlice';
import { useAppSelector } from '../../app/hooks';
import type { RootState } from '../../app/store';
import { formatDateTime, type Translate } from '../../i18n/translate';

export interface IncidentText {
  group: string;
  since: string;
  last: string;
  stage: string;
  script: string;
}

const selectGroups = (s: RootState) => s.reference.classifier?.groups;

/** A time of day when it is today in the center, the date and time otherwise. */
function when(iso: string, locale: string, timeZone: string | undefined, now: Date): string {
  const day = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone, dateStyle: 'short' }).format(d);
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  if (day(at) === day(now))
    return new Intl.DateTimeFormat('en-GB', {
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZone,
    }).format(at);
  return formatDateTime(iso, locale as never, timeZone);
}

export function useIncidentText(t: Translate): (incident: IncidentView) => IncidentText {
  const groups = useAppSelector(selectGroups);
  const locale = useAppSelector(selectLocale);
  const timeZone = useAppSelector(selectAppInfo)?.center.timeZone;
  return useMemo(() => {
    const names = new Map((groups ?? []).map((g) => [g.id, pickText(g.name, locale)]));
    return (incident: IncidentView): IncidentText => {
      const now = new Date();
      const group = names.get(incident.categoryGroupId) ?? incident.categoryGroupId;
      return {
        group,
        since: when(incident.since, locale, timeZone, now),
        last: when(incident.lastAt, locale, timeZone, now),
        stage: t(`incidents.stage.${incident.stage}`),
        script: incident.script ?? t('incidents.defaultScript', { place: incident.place, group }),
      };
    };
  }, [groups, locale, timeZone, t]);
}
