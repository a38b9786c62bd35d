import { useEffect, useRef } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import Chip from '@mui/material/Chip';
import FormControlLabel from '@mui/material/FormControlLabel';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import Typography from '@mui/material/Typography';
import { WORK_LISTS_OF, type WorkListId } from '../../../../shared/domain/worklists';
import { useAppDispatch, useAppSelector } from '../../../app/hooks';
import { useT } from '../../../i18n/useT';
import { selectRole } from '../../auth/authSlice';
import { CallbackPanel } from '../../callback/components/CallbackPanel';
import { selectExecutorById } from '../../reference/referenceSlice';
import {
  executorFilterCleared,
  overdueOnlyToggled,
  selectWorkLists,
  workListChosen,
} from '../worklistsSlice';
import { loadMoreWorkList } from '../worklistsThunks';
import { WorkListTable } from './WorkListTable';
import { useWorkListKeys } from './useWorkListKeys';

/** The role's work lists as tabs with their sizes, the active list's rows, and (to call back) the call. */
export function WorkListsView() {
  const t = useT();
  const dispatch = useAppDispatch();
  const role = useAppSelector(selectRole) ?? 'operator';
  const lists = WORK_LISTS_OF[role];
  const state = useAppSelector(selectWorkLists);
  const executors = useAppSelector(selectExecutorById);
  useWorkListKeys(lists);
  const listBox = useRef<HTMLDivElement>(null);
  const active = state.active !== null && lists.includes(state.active) ? state.active : null;
  const callingBack = active === 'to_call_back';
  // The keyboard starts in the list: ↑ ↓ and Enter act on it at once, from a tab in the top bar too.
  useEffect(() => {
    listBox.current?.focus({ preventScroll: true });
  }, [active]);
  const tabLabel = (list: WorkListId) => {
    const count = state.counts[list];
    return (
      <Box component="span" sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.75 }}>
        {t(`worklist.${list}`)}
        {count !== undefined && (
          <Chip
            component="span"
            size="small"
            label={count}
            data-testid={`count-${list}`}
            sx={{ height: 20, '& .MuiChip-label': { px: 0.75 } }}
          />
        )}
      </Box>
    );
  };
  return (
    <Box
      role="region"
      aria-label={t('worklists.title')}
      sx={{
        p: 1.5,
        display: 'flex',
        flexDirection: 'column',
        gap: 1,
        height: '100%',
        boxSizing: 'border-box',
      }}
    >
      <Paper
        variant="outlined"
        sx={{ display: 'flex', alignItems: 'center', flexWrap: 'wrap', columnGap: 2, px: 1 }}
      >
        <Tabs
          value={active ?? false}
          onChange={(_, list: WorkListId) => dispatch(workListChosen({ list }))}
          aria-label={t('worklists.title')}
          variant="scrollable"
          scrollButtons={false}
          sx={{ minHeight: 44, '& .MuiTab-root': { minHeight: 44, textTransform: 'none', fontSize: 15 } }}
        >
          {lists.map((list, i) => (
            <Tab
              key={list}
              value={list}
              label={tabLabel(list)}
              aria-label={t('worklists.tabCount', {
                name: t(`worklist.${list}`),
                count: state.counts[list] ?? '…',
              })}
              title={`Alt+${i + 1}`}
              id={`worklist-${list}`}
            />
          ))}
        </Tabs>
        <Box sx={{ flexGrow: 1 }} />
        {state.executorId !== null && (
          <Chip
            label={t('worklists.executorFilter', {
              name: executors.get(state.executorId)?.name ?? state.executorId,
            })}
            onDelete={() => dispatch(executorFilterCleared())}
            data-testid="executor-filter"
          />
        )}
        <FormControlLabel
          label={t('worklists.overdueOnly')}
          control={
            <Checkbox
              size="small"
              checked={state.onlyOverdue}
              onChange={(e) => dispatch(overdueOnlyToggled(e.target.checked))}
            />
          }
        />
        <Typography variant="caption" color="text.secondary" sx={{ display: { xs: 'none', lg: 'block' } }}>
          {t('worklists.keysHint', { n: lists.length })}
        </Typography>
      </Paper>
      <Box
        sx={{
          flex: 1,
          minHeight: 0,
          display: 'grid',
          gap: 1.5,
          gridTemplateColumns: callingBack
            ? { xs: 'minmax(0, 1fr)', md: 'minmax(0, 1fr) 400px', xl: 'minmax(0, 1fr) 520px' }
            : 'minmax(0, 1fr)',
          gridTemplateRows: { md: 'minmax(0, 1fr)' },
        }}
      >
        <Paper variant="outlined" sx={{ display: 'flex', flexDirection: 'column', minHeight: 0 }}>
          {state.status === 'loading' && <LinearProgress aria-label={t('common.loading')} />}
          {state.error && (
            <Alert severity="error" sx={{ m: 1 }}>
              {t('worklists.failed', { message: state.error.message })}
            </Alert>
          )}
          <Box
            ref={listBox}
            tabIndex={-1}
            data-testid="worklist-box"
            sx={{ flex: 1, minHeight: 0, overflow: 'auto', outline: 'none' }}
          >
            {active !== null && state.status === 'loaded' && state.items.length === 0 ? (
              <Typography sx={{ p: 2 }} color="text.secondary">
                {t('worklists.empty')}
              </Typography>
            ) : (
              active !== null && (
                <WorkListTable
                  list={active}
                  items={state.items}
                  selectedId={state.selectedId}
                  openOnClick={!callingBack}
                />
              )
            )}
          </Box>
          <Box
            sx={{ display: 'flex', alignItems: 'center', gap: 2, p: 1, borderTop: 1, borderColor: 'divider' }}
          >
            <Typography variant="body2" color="text.secondary" role="status" data-testid="worklist-shown">
              {t('worklists.shown', { shown: state.items.length, total: state.total })}
            </Typography>
            {state.nextCursor && (
              <Button
                onClick={() => void dispatch(loadMoreWorkList())}
                disabled={state.loadingMore}
                variant="outlined"
                size="small"
              >
                {t('common.loadMore')}
              </Button>
            )}
          </Box>
        </Paper>
        {callingBack && <CallbackPanel />}
      </Box>
    </Box>
  );
}
