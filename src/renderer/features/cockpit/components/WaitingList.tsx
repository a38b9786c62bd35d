import { useMemo } from 'react';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import Box from '@mui/material/Box';
import { useAppSelector } from '../../../app/hooks';
import { useT } from '../../../i18n/useT';
import { selectFloorAgents, selectQueue } from '../floorSlice';
import { Elapsed } from './Elapsed';

/** The callers in the order they will be served, with how long each has waited and who rings now. */
export function WaitingList() {
  const t = useT();
  const queue = useAppSelector(selectQueue);
  const agents = useAppSelector(selectFloorAgents);
  // The entry names the operator by id; the board knows their names.
  const nameOf = useMemo(() => {
    const names = new Map<string, string>();
    for (const a of agents) {
      names.set(a.userId, a.name);
      names.set(a.username, a.name);
    }
    return (id: string) => names.get(id) ?? id;
  }, [agents]);
  const waiting = queue?.waiting ?? [];
  return (
    <Paper variant="outlined" data-testid="queue-waiting-list" sx={{ flex: '1 1 380px', minWidth: 320 }}>
      <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 500, px: 1.5, py: 1 }}>
        {t('cockpit.waiting.title')}
      </Typography>
      {waiting.length === 0 ? (
        <Typography sx={{ px: 1.5, pb: 1.5 }} color="text.secondary">
          {t('cockpit.waiting.empty')}
        </Typography>
      ) : (
        <Box sx={{ maxHeight: 300, overflow: 'auto' }}>
          <Table size="small" stickyHeader aria-label={t('cockpit.waiting.title')}>
            <TableHead>
              <TableRow>
                <TableCell sx={{ width: 44 }}>{t('cockpit.waiting.position')}</TableCell>
                <TableCell>{t('cockpit.waiting.caller')}</TableCell>
                <TableCell>{t('cockpit.waiting.priority')}</TableCell>
                <TableCell align="right">{t('cockpit.waiting.waited')}</TableCell>
                <TableCell>{t('cockpit.waiting.offeredTo')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {waiting.map((e) => (
                <TableRow key={e.id} data-testid="queue-entry" data-state={e.state}>
                  <TableCell>{e.position}</TableCell>
                  <TableCell>{e.callerMasked ?? t('cockpit.call.withheld')}</TableCell>
                  <TableCell>{e.priorityReason ? t(`cockpit.priority.${e.priorityReason}`) : '—'}</TableCell>
                  <TableCell align="right" sx={{ fontVariantNumeric: 'tabular-nums' }}>
                    <Elapsed from={Date.parse(e.enteredAt)} />
                  </TableCell>
                  <TableCell>{e.offeredTo ? nameOf(e.offeredTo) : '—'}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Box>
      )}
    </Paper>
  );
}
