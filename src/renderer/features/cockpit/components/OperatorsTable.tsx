import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import Box from '@mui/material/Box';
import type { OperatorMetrics } from '../../../../shared/queue/metrics';
import { useT } from '../../../i18n/useT';
import { useCockpitFormat } from '../cockpitFormat';

/** Each operator's day: calls, average handle time, breaks and the appeals they registered. */
export function OperatorsTable({ operators }: { operators: readonly OperatorMetrics[] }) {
  const t = useT();
  const format = useCockpitFormat(t);
  const sorted = [...operators].sort((a, b) => b.calls - a.calls || a.name.localeCompare(b.name));
  return (
    <Paper variant="outlined" data-testid="operators-table" sx={{ flex: '1 1 520px', minWidth: 0 }}>
      <Typography variant="subtitle2" component="h3" sx={{ px: 1.5, pt: 1.5, pb: 0.5 }}>
        {t('cockpit.operators.title')}
      </Typography>
      {sorted.length === 0 ? (
        <Typography sx={{ px: 1.5, pb: 1.5 }} color="text.secondary">
          {t('cockpit.operators.empty')}
        </Typography>
      ) : (
        <Box sx={{ maxHeight: 320, overflow: 'auto' }}>
          <Table size="small" stickyHeader aria-label={t('cockpit.operators.title')}>
            <TableHead>
              <TableRow>
                <TableCell>{t('cockpit.operators.name')}</TableCell>
                <TableCell align="right">{t('cockpit.operators.calls')}</TableCell>
                <TableCell align="right">{t('cockpit.operators.aht')}</TableCell>
                <TableCell align="right">{t('cockpit.operators.breaks')}</TableCell>
                <TableCell align="right">{t('cockpit.operators.breakTime')}</TableCell>
                <TableCell align="right">{t('cockpit.operators.appeals')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {sorted.map((o) => (
                <TableRow key={o.userId} data-testid={`operator-row-${o.username}`}>
                  <TableCell>{o.name}</TableCell>
                  <TableCell align="right">{format.count(o.calls)}</TableCell>
                  <TableCell align="right">{format.seconds(o.ahtSeconds)}</TableCell>
                  <TableCell align="right">{format.count(o.breaks)}</TableCell>
                  <TableCell align="right">{format.seconds(o.breakSeconds)}</TableCell>
                  <TableCell align="right">{format.count(o.appealsRegistered)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Box>
      )}
    </Paper>
  );
}
