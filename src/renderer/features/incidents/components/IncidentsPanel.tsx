import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useAppSelector } from '../../../app/hooks';
import { useT } from '../../../i18n/useT';
import { useIncidentText } from '../incidentText';
import { selectLeadIncidents, selectOpenIncidents } from '../incidentsSlice';

/** The lead's list of open incidents, newest activity first, each with its "Manage" button. */
export function IncidentsPanel({ onManage }: { onManage: (id: string) => void }) {
  const t = useT();
  const textOf = useIncidentText(t);
  const lead = useAppSelector(selectLeadIncidents);
  const incidents = useAppSelector(selectOpenIncidents);
  return (
    <Paper variant="outlined" data-testid="incidents-panel" sx={{ minWidth: 0 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1.5, px: 1.5, py: 0.75, flexWrap: 'wrap' }}>
        <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 500 }}>
          {t('incidents.panel.title')}
          {incidents.length > 0 ? ` (${incidents.length})` : ''}
        </Typography>
        {incidents.length === 0 && lead.status === 'loaded' && (
          <Typography variant="body2" color="text.secondary">
            {t('incidents.panel.none')}
          </Typography>
        )}
        {lead.status === 'loaded' && !lead.live && (
          <Typography variant="caption" color="warning.main">
            {t('incidents.panel.notLive')}
          </Typography>
        )}
      </Box>
      {lead.status === 'failed' && lead.error && (
        <Alert severity="warning" sx={{ mx: 1.5, mb: 1 }}>
          {t('incidents.panel.failed', { message: lead.error.message })}
        </Alert>
      )}
      {incidents.length > 0 && (
        <Box sx={{ maxHeight: 220, overflow: 'auto' }}>
          <Table size="small" stickyHeader aria-label={t('incidents.panel.title')}>
            <TableHead>
              <TableRow>
                <TableCell>{t('incidents.col.stage')}</TableCell>
                <TableCell>{t('incidents.col.group')}</TableCell>
                <TableCell>{t('incidents.col.place')}</TableCell>
                <TableCell>{t('incidents.col.since')}</TableCell>
                <TableCell align="right">{t('incidents.col.count')}</TableCell>
                <TableCell />
              </TableRow>
            </TableHead>
            <TableBody>
              {incidents.map((incident) => {
                const text = textOf(incident);
                return (
                  <TableRow
                    key={incident.id}
                    data-testid="incident-row"
                    data-id={incident.id}
                    data-stage={incident.stage}
                  >
                    <TableCell>
                      <Chip
                        size="small"
                        label={text.stage}
                        color={incident.stage === 'forming' ? 'warning' : 'info'}
                        variant={incident.stage === 'forming' ? 'filled' : 'outlined'}
                      />
                    </TableCell>
                    <TableCell>{text.group}</TableCell>
                    <TableCell>{incident.place}</TableCell>
                    <TableCell sx={{ whiteSpace: 'nowrap' }}>{text.since}</TableCell>
                    <TableCell align="right" sx={{ fontVariantNumeric: 'tabular-nums' }}>
                      {incident.appealCount}
                    </TableCell>
                    <TableCell align="right">
                      <Button size="small" onClick={() => onManage(incident.id)}>
                        {t('incidents.panel.manage')}
                      </Button>
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </Box>
      )}
    </Paper>
  );
}
