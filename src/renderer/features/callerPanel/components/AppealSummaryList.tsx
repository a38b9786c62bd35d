import List from '@mui/material/List';
import ListItemButton from '@mui/material/ListItemButton';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import type { AppealSummary } from '../../../../shared/domain';
import { useAppDispatch, useAppSelector } from '../../../app/hooks';
import { appealDetailOpened } from '../../../app/navigationSlice';
import { useToday } from '../../../app/useToday';
import { useFormat, useT } from '../../../i18n/useT';
import { appealNumber, isOverdue } from '../../appeals/appealDisplay';
import { StatusChip } from '../../appeals/components/StatusChip';
import { selectExecutorById, selectQuestionTypeById } from '../../reference/referenceSlice';

/**
 * Compact rows: number, date, category, status, deadline, the executor and its answer (what a
 * citizen calling again is told); Enter or a click opens the appeal.
 */
export function AppealSummaryList({ appeals, label }: { appeals: AppealSummary[]; label: string }) {
  const t = useT();
  const format = useFormat();
  const dispatch = useAppDispatch();
  const types = useAppSelector(selectQuestionTypeById);
  const executors = useAppSelector(selectExecutorById);
  const today = useToday();
  return (
    <List dense disablePadding aria-label={label}>
      {appeals.map((a) => {
        const overdue = isOverdue(a, today);
        const answer = a.lifecycle.answer;
        return (
          <ListItemButton
            key={a.id}
            onClick={() => dispatch(appealDetailOpened(a.id))}
            sx={{ display: 'block', px: 1, borderRadius: 1 }}
            data-testid="caller-appeal"
          >
            <Box sx={{ display: 'flex', justifyContent: 'space-between', gap: 1, alignItems: 'center' }}>
              <Typography variant="body2" sx={{ fontWeight: 500 }}>
                {appealNumber(a)}
              </Typography>
              <Typography variant="caption" color="text.secondary">
                {format.shortDate(a.receivedOn)}
              </Typography>
            </Box>
            <Typography variant="body2" noWrap title={types.get(a.categoryId)?.name}>
              {types.get(a.categoryId)?.name ?? a.categoryId}
            </Typography>
            <Box
              sx={{
                display: 'flex',
                // A long status (“Чекає на перевірку заявником”) puts the deadline on a line of its own.
                flexWrap: 'wrap',
                justifyContent: 'space-between',
                columnGap: 1,
                alignItems: 'center',
                mt: 0.25,
              }}
            >
              <StatusChip status={a.status} result={a.result} />
              <Typography
                variant="caption"
                color={overdue ? 'error' : 'text.secondary'}
                sx={{ whiteSpace: 'nowrap' }}
              >
                {t('caller.due', { date: format.shortDate(a.deadlineOn) })}
                {overdue ? ` · ${t('appeals.overdueMark')}` : ''}
              </Typography>
            </Box>
            <Typography variant="body2" sx={{ mt: 0.25 }} data-testid="caller-appeal-executor">
              {t('caller.executor', { name: executors.get(a.executorId)?.name ?? a.executorId })}
            </Typography>
            <Typography
              variant="body2"
              color={answer ? 'text.primary' : 'text.secondary'}
              sx={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
              data-testid="caller-appeal-answer"
            >
              {answer
                ? t('caller.answer', { result: t(`result.${answer.result}`), text: answer.text })
                : t('caller.noAnswer')}
            </Typography>
          </ListItemButton>
        );
      })}
    </List>
  );
}
