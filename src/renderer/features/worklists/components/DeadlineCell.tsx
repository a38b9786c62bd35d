import TableCell from '@mui/material/TableCell';
import Typography from '@mui/material/Typography';
import type { AppealSummary } from '../../../../shared/domain';
import { useToday } from '../../../app/useToday';
import { useFormat, useT } from '../../../i18n/useT';
import { deadlineMark } from '../../appeals/appealDisplay';

/** The deadline, with overdue and due soon said in words as well as colour. */
export function DeadlineCell({ appeal }: { appeal: AppealSummary }) {
  const t = useT();
  const format = useFormat();
  const mark = deadlineMark(appeal, useToday());
  return (
    <TableCell
      sx={{
        whiteSpace: 'nowrap',
        color: mark === 'overdue' ? 'error.main' : mark === 'due_soon' ? 'warning.dark' : undefined,
        fontWeight: mark ? 500 : undefined,
      }}
      data-deadline={mark ?? undefined}
    >
      {format.shortDate(appeal.deadlineOn)}
      {mark && (
        <Typography component="span" variant="caption" sx={{ display: 'block' }}>
          {t(mark === 'overdue' ? 'appeals.overdueMark' : 'appeals.dueSoonMark')}
        </Typography>
      )}
    </TableCell>
  );
}
