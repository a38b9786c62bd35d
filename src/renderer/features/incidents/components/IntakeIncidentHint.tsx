import { useEffect } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import LinkIcon from '@mui/icons-material/Link';
import LinkOffIcon from '@mui/icons-material/LinkOff';
import { INCIDENT_LINKERS } from '../../../../shared/incidents';
import { useAppDispatch, useAppSelector, useAppStore } from '../../../app/hooks';
import { selectRole } from '../../auth/authSlice';
import { useT } from '../../../i18n/useT';
import { selectIntakeStatus } from '../../intake/intakeSelectors';
import { toggleIncidentLink } from '../incidentLinkCommands';
import { selectChosenIncident, selectIncidentLink, selectIntakeIncidents } from '../incidentsSlice';
import { IncidentHint } from './IncidentHint';

/** Alt+L, by physical key (any layout), also while typing: the operator's hands stay on the form. */
function useIncidentLinkKey(mayLink: boolean): void {
  const dispatch = useAppDispatch();
  const store = useAppStore();
  useEffect(() => {
    if (!mayLink) return;
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey || e.shiftKey || e.code !== 'KeyL') return;
      if (!selectIntakeIncidents(store.getState()).data?.incidents.length) return;
      e.preventDefault();
      e.stopPropagation();
      dispatch(toggleIncidentLink());
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [dispatch, store, mayLink]);
}

/** The caller panel's hint for the building (and category) the form names, with the one-key link. */
export function IntakeIncidentHint() {
  const t = useT();
  const dispatch = useAppDispatch();
  // The server lets these roles link (a feedback operator reads the hint but links nothing).
  const role = useAppSelector(selectRole);
  const mayLink = role !== null && INCIDENT_LINKERS.includes(role);
  useIncidentLinkKey(mayLink);
  const found = useAppSelector(selectIntakeIncidents).data;
  const chosen = useAppSelector(selectChosenIncident);
  const link = useAppSelector(selectIncidentLink);
  const status = useAppSelector(selectIntakeStatus);
  const incidents = found?.incidents ?? [];
  const first = incidents[0];
  if (!first) return null;
  const linked = chosen !== null && (status === 'editing' || link.state !== 'none');
  const offered = mayLink && (status === 'editing' || (status === 'saved' && link.state === 'none'));
  return (
    <IncidentHint incidents={incidents} testId="caller-incident">
      {offered && (
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mt: 1, flexWrap: 'wrap' }}>
          <Button
            size="small"
            variant={linked ? 'text' : 'contained'}
            color="warning"
            startIcon={linked ? <LinkOffIcon /> : <LinkIcon />}
            onClick={() => dispatch(toggleIncidentLink())}
            aria-keyshortcuts="Alt+L"
            data-testid="incident-link-toggle"
          >
            {linked ? t('incidents.unlink') : t('incidents.link')}
          </Button>
          <Typography variant="caption" color="text.secondary">
            {t('incidents.linkKey')}
          </Typography>
        </Box>
      )}
    </IncidentHint>
  );
}
