import { useMemo } from 'react';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TableSortLabel from '@mui/material/TableSortLabel';
import Typography from '@mui/material/Typography';
import type { AppealSummary } from '../../../../shared/domain';
import { selectLocale } from '../../../app/appSlice';
import { useAppDispatch, useAppSelector } from '../../../app/hooks';
import { appealDetailOpened } from '../../../app/navigationSlice';
import { useToday } from '../../../app/useToday';
import { formatAddress } from '../../../i18n/address';
import { useFormat, useT } from '../../../i18n/useT';
import { selectExecutorById, selectQuestionTypeById } from '../../reference/referenceSlice';
import { isOverdue } from '../appealDisplay';
import { sortAppeals, type ColumnText } from '../appealSort';
import { listSortChanged, selectAppealSort, type AppealSortKey } from '../appealsSlice';
import { AppealNumberCell } from './AppealNumberCell';
import { StatusChip } from './StatusChip';

const COLUMNS: { key: AppealSortKey; label: string; width?: number | string }[] = [
  { key: 'number', label: 'appeals.col.number' },
  { key: 'received', label: 'appeals.col.received' },
  { key: 'type', label: 'appeals.col.type' },
  { key: 'applicant', label: 'appeals.col.applicant' },
  { key: 'address', label: 'appeals.col.address' },
  { key: 'category', label: 'appeals.col.category', width: '22%' },
  { key: 'executor', label: 'appeals.col.executor', width: '16%' },
  { key: 'status', label: 'appeals.col.status' },
  { key: 'deadline', label: 'appeals.col.deadline' },
];

/** One Tab stop per row (the number); a click anywhere on the row opens it too. */
export function AppealsTable({ appeals }: { appeals: AppealSummary[] }) {
  const t = useT();
  const format = useFormat();
  const dispatch = useAppDispatch();
  const types = useAppSelector(selectQuestionTypeById);
  const executors = useAppSelector(selectExecutorById);
  const sort = useAppSelector(selectAppealSort);
  const locale = useAppSelector(selectLocale);
  const today = useToday();
  const open = (id: string) => dispatch(appealDetailOpened(id));
  const text: ColumnText = (a, key) =>
    key === 'category'
      ? (types.get(a.categoryId)?.name ?? a.categoryId)
      : key === 'executor'
        ? (executors.get(a.executorId)?.name ?? a.executorId)
        : formatAddress(a.address, t);
  const rows = useMemo(
    () => sortAppeals(appeals, sort, text, locale),
    // `text` reads only what the other dependencies already name.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [appeals, sort, types, executors, locale],
  );
  return (
    <TableContainer>
      <Table size="small" stickyHeader aria-label={t('appeals.title')}>
        <TableHead>
          <TableRow>
            {COLUMNS.map((c) => {
              const active = sort.by === c.key;
              return (
                <TableCell
                  key={c.key}
                  sx={{ width: c.width, whiteSpace: 'nowrap' }}
                  aria-sort={active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined}
                >
                  <TableSortLabel
                    active={active}
                    direction={active ? sort.direction : c.key === 'received' ? 'desc' : 'asc'}
                    onClick={() => dispatch(listSortChanged(c.key))}
                  >
                    {t(c.label as 'appeals.col.number')}
                  </TableSortLabel>
                </TableCell>
              );
            })}
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((a) => {
            const overdue = isOverdue(a, today);
            return (
              <TableRow
                key={a.id}
                hover
                onClick={() => open(a.id)}
                sx={{ cursor: 'pointer', verticalAlign: 'top' }}
                data-testid="appeal-row"
                data-overdue={overdue || undefined}
              >
                <AppealNumberCell appeal={a} onOpen={() => open(a.id)} />
                <TableCell sx={{ whiteSpace: 'nowrap' }}>{format.shortDate(a.receivedOn)}</TableCell>
                <TableCell>{t(`type.${a.type}`)}</TableCell>
                <TableCell>{a.applicantName}</TableCell>
                <TableCell>{text(a, 'address')}</TableCell>
                <TableCell>{text(a, 'category')}</TableCell>
                <TableCell>{text(a, 'executor')}</TableCell>
                <TableCell>
                  <StatusChip status={a.status} result={a.result} />
                </TableCell>
                <TableCell
                  sx={{
                    whiteSpace: 'nowrap',
                    color: overdue ? 'error.main' : undefined,
                    fontWeight: overdue ? 500 : undefined,
                  }}
                >
                  {format.shortDate(a.deadlineOn)}
                  {overdue && (
                    <Typography component="span" variant="caption" sx={{ display: 'block' }}>
                      {t('appeals.overdueMark')}
                    </Typography>
                  )}
                </TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
