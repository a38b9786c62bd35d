import type { ReactNode } from 'react';
import Alert from '@mui/material/Alert';
import AlertTitle from '@mui/material/AlertTitle';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import type { IncidentView } from '../../../../shared/ipc/incidents';
import { useT } from '../../../i18n/useT';
import { useIncidentText } from '../incidentText';

/**
 * "Known incident" for the caller's place: the category group, since when, how many appeals, and
 * the words to read to the caller. Nothing at all when no open incident is known (or the server
 * could not be asked): the hint never stands in the operator's way.
 */
export function IncidentHint({
  incidents,
  testId,
  children,
}: {
  incidents: readonly IncidentView[];
  testId: string;
  /** What the screen adds under the first incident (the intake form's link). */
  children?: ReactNode;
}) {
  const t = useT();
  const textOf = useIncidentText(t);
  const first = incidents[0];
  if (!first) return null;
  const text = textOf(first);
  return (
    <Alert
      severity="warning"
      variant="outlined"
      data-testid={testId}
      data-incident-id={first.id}
      sx={{ '& .MuiAlert-message': { width: '100%' } }}
    >
      <AlertTitle sx={{ mb: 0.25 }}>
        {incidents.length > 1 ? t('incidents.knownMany', { count: incidents.length }) : t('incidents.known')}
      </AlertTitle>
      <Typography variant="body2" sx={{ fontWeight: 500 }}>
        {t('incidents.facts', { group: text.group, since: text.since, count: first.appealCount })}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {t('incidents.place', { place: first.place })}
      </Typography>
      <Box
        component="figure"
        sx={{ m: 0, mt: 0.75, pl: 1, borderLeft: 3, borderColor: 'warning.main' }}
        aria-label={t('incidents.scriptTitle')}
      >
        <Typography variant="caption" component="figcaption" color="text.secondary">
          {t('incidents.scriptTitle')}
        </Typography>
        <Typography variant="body2" component="blockquote" sx={{ m: 0 }} data-testid={`${testId}-script`}>
          {text.script}
        </Typography>
      </Box>
      {children}
    </Alert>
  );
}
