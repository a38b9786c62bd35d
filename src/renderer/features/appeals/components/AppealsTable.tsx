import Link from '@mui/material/Link';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableContainer from '@mui/material/TableContainer';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import PriorityHighOutlined from '@mui/icons-material/PriorityHighOutlined';
import type { AppealSummary } from '../../../../shared/domain';
import { useAppDispatch, useAppSelector } from '../../../app/hooks';
import { appealDetailOpened } from '../../../app/navigationSlice';
import { useToday } from '../../../app/useToday';
import { formatAddress } from '../../../i18n/address';
import { useFormat, useT } from '../../../i18n/useT';
import { selectQuestionTypeById } from '../../reference/referenceSlice';
import { appealNumber, isOverdue } from '../appealDisplay';
import { StatusChip } from './StatusChip';

/** One Tab stop per row (the number); a click anywhere on the row opens it too. */
export function AppealsTable({ appeals }: { appeals: AppealSummary[] }) {
  const t = useT();
  const format = useFormat();
  const dispatch = useAppDispatch();
  const types = useAppSelector(selectQuestionTypeById);
  const today = useToday();
  const open = (id: string) => dispatch(appealDetailOpened(id));
  return (
    <TableContainer>
      <Table size="small" stickyHeader aria-label={t('appeals.title')}>
        <TableHead>
          <TableRow>
            <TableCell>{t('appeals.col.number')}</TableCell>
            <TableCell>{t('appeals.col.received')}</TableCell>
            <TableCell>{t('appeals.col.applicant')}</TableCell>
            <TableCell>{t('appeals.col.address')}</TableCell>
            <TableCell>{t('appeals.col.category')}</TableCell>
            <TableCell>{t('appeals.col.status')}</TableCell>
            <TableCell>{t('appeals.col.deadline')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {appeals.map((a) => {
            const overdue = isOverdue(a, today);
            return (
              <TableRow
                key={a.id}
                hover
                onClick={() => open(a.id)}
                sx={{ cursor: 'pointer' }}
                data-testid="appeal-row"
                data-overdue={overdue || undefined}
              >
                <TableCell sx={{ whiteSpace: 'nowrap' }}>
                  <Link
                    component="button"
                    type="button"
                    onClick={(e) => {
                      e.stopPropagation();
                      open(a.id);
                    }}
                    sx={{ fontWeight: 500 }}
                  >
                    {appealNumber(a)}
                  </Link>
                  {a.priority && (
                    <PriorityHighOutlined
                      fontSize="inherit"
                      color="warning"
                      titleAccess={t('detail.priority')}
                      sx={{ ml: 0.5 }}
                    />
                  )}
                </TableCell>
                <TableCell sx={{ whiteSpace: 'nowrap' }}>{format.shortDate(a.receivedOn)}</TableCell>
                <TableCell>{a.applicantName}</TableCell>
                <TableCell>{formatAddress(a.address, t)}</TableCell>
                <TableCell sx={{ maxWidth: 280 }}>{types.get(a.categoryId)?.name ?? a.categoryId}</TableCell>
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
