import Chip from '@mui/material/Chip';
import type { AppealStatus, ClosingResult } from '../../../../shared/domain';
import { useT } from '../../../i18n/useT';

const COLORS: Record<AppealStatus, 'default' | 'info' | 'warning' | 'success' | 'secondary'> = {
  registered: 'info',
  assigned: 'info',
  in_progress: 'info',
  awaiting_control_check: 'secondary',
  awaiting_applicant_check: 'secondary',
  rework: 'warning',
  closed: 'success',
};

export function StatusChip({ status, result }: { status: AppealStatus; result?: ClosingResult | null }) {
  const t = useT();
  const label =
    status === 'closed' && result ? `${t('status.closed')}: ${t(`result.${result}`)}` : t(`status.${status}`);
  return (
    <Chip size="small" variant="outlined" color={COLORS[status]} label={label} sx={{ maxWidth: '100%' }} />
  );
}
