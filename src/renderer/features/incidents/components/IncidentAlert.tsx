import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import { useAppDispatch, useAppSelector } from '../../../app/hooks';
import { useT } from '../../../i18n/useT';
import { useIncidentText } from '../incidentText';
import { incidentSeen, selectUnseenIncidents } from '../incidentsSlice';

/** The lead's alert: an incident formed since they last looked, with its size and place. */
export function IncidentAlert({ onOpen }: { onOpen: (id: string) => void }) {
  const t = useT();
  const dispatch = useAppDispatch();
  const textOf = useIncidentText(t);
  const unseen = useAppSelector(selectUnseenIncidents);
  const newest = unseen[0];
  if (!newest) return null;
  const text = textOf(newest);
  return (
    <Alert
      severity="error"
      role="alert"
      data-testid="incident-alert"
      data-id={newest.id}
      action={
        <Box sx={{ display: 'flex', gap: 1 }}>
          <Button
            color="inherit"
            variant="outlined"
            size="small"
            onClick={() => {
              dispatch(incidentSeen(newest.id));
              onOpen(newest.id);
            }}
          >
            {t('incidents.alert.open')}
          </Button>
          <Button color="inherit" size="small" onClick={() => dispatch(incidentSeen('all'))}>
            {t('incidents.alert.dismiss')}
          </Button>
        </Box>
      }
    >
      {t('incidents.alert.one', { count: newest.appealCount, group: text.group, place: newest.place })}
      {unseen.length > 1 ? ` ${t('incidents.alert.more', { count: unseen.length - 1 })}` : ''}
    </Alert>
  );
}
