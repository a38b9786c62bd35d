import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { useAppDispatch, useAppSelector } from '../../../app/hooks';
import { useT } from '../../../i18n/useT';
import { selectAppealSort, selectAppealSummaries, selectAppealsList, serverOrder } from '../appealsSlice';
import { loadMoreAppeals } from '../appealsThunks';
import { AppealFiltersBar } from './AppealFiltersBar';
import { AppealsTable } from './AppealsTable';

export function AppealsView() {
  const t = useT();
  const dispatch = useAppDispatch();
  const list = useAppSelector(selectAppealsList);
  const appeals = useAppSelector(selectAppealSummaries);
  const sort = useAppSelector(selectAppealSort);
  // Sorting other than the server's newest-first covers the rows loaded so far: say so while more remain.
  const partlySorted =
    list.nextCursor !== null && (sort.by !== serverOrder.by || sort.direction !== serverOrder.direction);
  return (
    <Box sx={{ p: 1.5, display: 'flex', flexDirection: 'column', gap: 1.5 }}>
      <Paper variant="outlined" sx={{ p: 1.5 }}>
        <AppealFiltersBar />
      </Paper>
      <Paper variant="outlined" sx={{ overflow: 'hidden' }}>
        {list.status === 'loading' && <LinearProgress aria-label={t('common.loading')} />}
        {list.error && (
          <Alert severity="error" sx={{ m: 1 }}>
            {t('appeals.failed', { message: list.error.message })}
          </Alert>
        )}
        {list.status === 'loaded' && appeals.length === 0 ? (
          <Typography sx={{ p: 2 }} color="text.secondary">
            {t('appeals.empty')}
          </Typography>
        ) : (
          <AppealsTable appeals={appeals} />
        )}
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, p: 1 }}>
          <Typography variant="body2" color="text.secondary" role="status">
            {t('appeals.count', { count: appeals.length })}
          </Typography>
          {partlySorted && (
            <Typography variant="body2" color="text.secondary" data-testid="appeals-partly-sorted">
              {t('appeals.sortedLoaded', { count: appeals.length })}
            </Typography>
          )}
          {list.nextCursor && (
            <Button
              onClick={() => void dispatch(loadMoreAppeals({ searchId: list.searchId }))}
              disabled={list.loadingMore}
              variant="outlined"
              size="small"
            >
              {t('common.loadMore')}
            </Button>
          )}
        </Box>
      </Paper>
    </Box>
  );
}
