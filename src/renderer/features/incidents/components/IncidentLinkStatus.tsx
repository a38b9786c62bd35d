import Alert from '@mui/material/Alert';
import LinkIcon from '@mui/icons-material/Link';
import { assertNever } from '../../../../shared/result';
import { useAppSelector } from '../../../app/hooks';
import { useT } from '../../../i18n/useT';
import { selectIntakeStatus } from '../../intake/intakeSelectors';
import { useIncidentText } from '../incidentText';
import { selectChosenIncident, selectIncidentLink } from '../incidentsSlice';

/** On the form: the draft will be linked; after saving: linked, queued for the push, or why not. */
export function IncidentLinkStatus() {
  const t = useT();
  const textOf = useIncidentText(t);
  const chosen = useAppSelector(selectChosenIncident);
  const link = useAppSelector(selectIncidentLink);
  const status = useAppSelector(selectIntakeStatus);
  if (!chosen) return null;
  const { group } = textOf(chosen);
  const vars = { group, place: chosen.place };
  const line = (severity: 'info' | 'success' | 'error', text: string) => (
    <Alert
      severity={severity}
      icon={severity === 'error' ? undefined : <LinkIcon fontSize="inherit" />}
      data-testid="incident-link-status"
      data-state={status === 'editing' ? 'chosen' : link.state}
      role="status"
      sx={{ py: 0 }}
    >
      {text}
    </Alert>
  );
  if (status !== 'saved') return line('info', t('incidents.willLink', vars));
  switch (link.state) {
    case 'none':
    case 'linking':
      return line('info', t('incidents.linking'));
    case 'linked':
      return line('success', t('incidents.linked', vars));
    case 'queued':
      return line('info', t('incidents.queued', vars));
    case 'failed':
      return line('error', t('incidents.linkFailed', { message: link.error.message }));
    default:
      return assertNever(link, 'link state');
  }
}
