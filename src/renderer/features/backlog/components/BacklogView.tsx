import { useMemo, useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import IconButton from '@mui/material/IconButton';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TableSortLabel from '@mui/material/TableSortLabel';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import EditOutlined from '@mui/icons-material/EditOutlined';
import type { Executor } from '../../../../shared/domain';
import { selectLocale } from '../../../app/appSlice';
import { useAppDispatch, useAppSelector } from '../../../app/hooks';
import { viewOpened } from '../../../app/navigationSlice';
import type { MessageKey } from '../../../i18n/dictionary';
import { useFormat, useT } from '../../../i18n/useT';
import { selectRole } from '../../auth/authSlice';
import { ExecutorContactsDialog } from '../../reference/components/ExecutorContactsDialog';
import { selectExecutorById } from '../../reference/referenceSlice';
import { workListChosen } from '../../worklists/worklistsSlice';
import { backlogSortChanged, selectBacklog, sortBacklog, type BacklogSortKey } from '../backlogSlice';

const COLUMNS: { key: BacklogSortKey; label: MessageKey; numeric: boolean }[] = [
  { key: 'executor', label: 'backlog.col.executor', numeric: false },
  { key: 'open', label: 'backlog.col.open', numeric: true },
  { key: 'dueSoon', label: 'backlog.col.dueSoon', numeric: true },
  { key: 'overdue', label: 'backlog.col.overdue', numeric: true },
];

/** Open, due soon and overdue appeals by executor; a row opens that executor's open appeals. */
export function BacklogView() {
  const t = useT();
  const format = useFormat();
  const dispatch = useAppDispatch();
  const backlog = useAppSelector(selectBacklog);
  const executors = useAppSelector(selectExecutorById);
  const locale = useAppSelector(selectLocale);
  const isAdmin = useAppSelector(selectRole) === 'admin';
  const [editing, setEditing] = useState<Executor | null>(null);
  const name = (id: string) => executors.get(id)?.name ?? id;
  const rows = useMemo(
    () => sortBacklog(backlog.rows, backlog.sort, (id) => executors.get(id)?.name ?? id, locale),
    [backlog.rows, backlog.sort, executors, locale],
  );
  const totals = rows.reduce(
    (sum, r) => ({
      open: sum.open + r.open,
      dueSoon: sum.dueSoon + r.dueSoon,
      overdue: sum.overdue + r.overdue,
    }),
    { open: 0, dueSoon: 0, overdue: 0 },
  );
  const openExecutor = (executorId: string) => {
    dispatch(workListChosen({ list: 'open', executorId }));
    dispatch(viewOpened('worklists'));
  };
  return (
    <Box
      role="region"
      aria-label={t('backlog.title')}
      sx={{ p: 1.5, display: 'flex', flexDirection: 'column', gap: 1 }}
    >
      <Box sx={{ display: 'flex', alignItems: 'baseline', gap: 2, flexWrap: 'wrap' }}>
        <Typography variant="h6" component="h2">
          {t('backlog.title')}
        </Typography>
        {backlog.asOf && (
          <Typography variant="body2" color="text.secondary" data-testid="backlog-as-of">
            {t('backlog.asOf', { time: format.dateTime(backlog.asOf) })}
          </Typography>
        )}
        <Typography variant="body2" color="text.secondary" sx={{ ml: 'auto' }}>
          {t('backlog.openHint')}
        </Typography>
      </Box>
      <Paper variant="outlined" sx={{ overflow: 'hidden' }}>
        {backlog.status === 'loading' && <LinearProgress aria-label={t('common.loading')} />}
        {backlog.error && (
          <Alert severity="error" sx={{ m: 1 }}>
            {t('backlog.failed', { message: backlog.error.message })}
          </Alert>
        )}
        {backlog.status === 'loaded' && rows.length === 0 ? (
          <Typography sx={{ p: 2 }} color="text.secondary">
            {t('backlog.empty')}
          </Typography>
        ) : (
          <Table size="small" stickyHeader aria-label={t('backlog.title')}>
            <TableHead>
              <TableRow>
                {COLUMNS.map((c) => {
                  const active = backlog.sort.by === c.key;
                  return (
                    <TableCell
                      key={c.key}
                      align={c.numeric ? 'right' : 'left'}
                      sx={{ width: c.numeric ? 130 : undefined, whiteSpace: 'nowrap' }}
                      aria-sort={
                        active ? (backlog.sort.direction === 'asc' ? 'ascending' : 'descending') : undefined
                      }
                    >
                      <TableSortLabel
                        active={active}
                        direction={active ? backlog.sort.direction : c.numeric ? 'desc' : 'asc'}
                        onClick={() => dispatch(backlogSortChanged(c.key))}
                      >
                        {t(c.label)}
                      </TableSortLabel>
                    </TableCell>
                  );
                })}
                {isAdmin && <TableCell sx={{ width: 100 }}>{t('backlog.col.contacts')}</TableCell>}
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map((r) => (
                <TableRow
                  key={r.executorId}
                  hover
                  tabIndex={0}
                  data-testid="backlog-row"
                  onClick={() => openExecutor(r.executorId)}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter' && e.target === e.currentTarget) openExecutor(r.executorId);
                  }}
                  sx={{ cursor: 'pointer' }}
                >
                  <TableCell>{name(r.executorId)}</TableCell>
                  <TableCell align="right">{r.open}</TableCell>
                  <TableCell align="right" sx={{ color: r.dueSoon > 0 ? 'warning.dark' : undefined }}>
                    {r.dueSoon}
                  </TableCell>
                  <TableCell
                    align="right"
                    sx={{
                      color: r.overdue > 0 ? 'error.main' : undefined,
                      fontWeight: r.overdue > 0 ? 500 : undefined,
                    }}
                  >
                    {r.overdue}
                  </TableCell>
                  {isAdmin && (
                    <TableCell onClick={(e) => e.stopPropagation()}>
                      {executors.get(r.executorId) && (
                        <Tooltip title={t('contacts.editOf', { name: name(r.executorId) })}>
                          <IconButton
                            size="small"
                            aria-label={t('contacts.editOf', { name: name(r.executorId) })}
                            onClick={() => setEditing(executors.get(r.executorId)!)}
                          >
                            <EditOutlined fontSize="small" />
                          </IconButton>
                        </Tooltip>
                      )}
                    </TableCell>
                  )}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        {rows.length > 0 && (
          <Typography
            variant="body2"
            color="text.secondary"
            sx={{ p: 1, borderTop: 1, borderColor: 'divider' }}
            role="status"
            data-testid="backlog-total"
          >
            {t('backlog.total', totals)}
          </Typography>
        )}
      </Paper>
      {editing && <ExecutorContactsDialog executor={editing} onClose={() => setEditing(null)} />}
    </Box>
  );
}
