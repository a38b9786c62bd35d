import Box from '@mui/material/Box';
import Link from '@mui/material/Link';
import TableCell from '@mui/material/TableCell';
import Typography from '@mui/material/Typography';
import PriorityHighOutlined from '@mui/icons-material/PriorityHighOutlined';
import type { AppealSummary } from '../../../../shared/domain';
import { useT } from '../../../i18n/useT';
import { appealNumber } from '../appealDisplay';

/**
 * An appeal's number as a link that opens it, with the priority mark under it: the first cell of
 * every appeal table (Appeals, the work lists).
 */
export function AppealNumberCell({ appeal, onOpen }: { appeal: AppealSummary; onOpen: () => void }) {
  const t = useT();
  return (
    <TableCell sx={{ whiteSpace: 'nowrap' }}>
      <Link
        component="button"
        type="button"
        onClick={(e) => {
          // The row's own click selects; the link opens without selecting twice.
          e.stopPropagation();
          onOpen();
        }}
        sx={{ fontWeight: 500 }}
      >
        {appealNumber(appeal)}
      </Link>
      {appeal.priority && (
        // Named, not only drawn: Art. 20 priority for citizens with statutory benefits.
        <Box
          component="span"
          sx={{ display: 'flex', alignItems: 'center', gap: 0.25, color: 'warning.dark' }}
          title={t('detail.priority')}
        >
          <PriorityHighOutlined sx={{ fontSize: 14 }} aria-hidden />
          <Typography component="span" variant="caption">
            {t('appeals.priorityMark')}
          </Typography>
        </Box>
      )}
    </TableCell>
  );
}
