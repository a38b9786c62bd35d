import type { ReactNode } from 'react';
import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import type { Appeal } from '../../../../shared/domain';
import { useAppSelector } from '../../../app/hooks';
import { useToday } from '../../../app/useToday';
import { useFormat, useT } from '../../../i18n/useT';
import { selectExecutorById } from '../../reference/referenceSlice';
import { deadlineMark } from '../appealDisplay';
import { readableSize } from './actions/attachmentMeta';
import { StatusChip } from './StatusChip';

function Fact({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <>
      <Typography component="dt" variant="body2" color="text.secondary">
        {label}
      </Typography>
      <Typography
        component="dd"
        variant="body2"
        data-testid={testId}
        sx={{ m: 0, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
      >
        {children}
      </Typography>
    </>
  );
}

/**
 * Where the appeal stands in its life (lifecycle.ts): status, executor, deadline, the rounds of
 * rework, the callbacks, the executor's answer (read to a citizen who calls again), an extension.
 */
export function LifecycleFacts({ appeal }: { appeal: Appeal }) {
  const t = useT();
  const format = useFormat();
  const today = useToday();
  const executors = useAppSelector(selectExecutorById);
  const life = appeal.lifecycle;
  const mark = deadlineMark(appeal, today);
  return (
    <Box
      component="dl"
      data-testid="lifecycle-facts"
      sx={{
        display: 'grid',
        gridTemplateColumns: 'max-content minmax(0, 1fr)',
        columnGap: 2,
        rowGap: 0.5,
        m: 0,
      }}
    >
      <Fact label={t('appeals.col.status')}>
        <StatusChip status={appeal.status} result={appeal.result} />
      </Fact>
      <Fact label={t('field.executor')} testId="fact-executor">
        {executors.get(appeal.executorId)?.name ?? appeal.executorId}
      </Fact>
      <Fact label={t('detail.deadline')} testId="fact-deadline">
        <Box
          component="span"
          sx={{ color: mark === 'overdue' ? 'error.main' : mark === 'due_soon' ? 'warning.dark' : undefined }}
        >
          {format.date(appeal.deadlineOn)}
          {mark && ` · ${t(mark === 'overdue' ? 'appeals.overdueMark' : 'appeals.dueSoonMark')}`}
        </Box>
        {' · '}
        {t(`rule.${appeal.deadlineRule}`)}
      </Fact>
      {life.assignedOn && <Fact label={t('detail.assignedOn')}>{format.date(life.assignedOn)}</Fact>}
      {life.reworkRounds > 0 && (
        <Fact label={t('detail.reworkRounds')} testId="fact-rework">
          {life.reworkRounds}
        </Fact>
      )}
      {life.returnReason && <Fact label={t('detail.returnReason')}>{life.returnReason}</Fact>}
      {(life.callbackAttempts > 0 || appeal.status === 'awaiting_applicant_check') && (
        <Fact label={t('detail.callbacks')} testId="fact-callbacks">
          {life.callbackAttempts}
          {appeal.status === 'awaiting_applicant_check' &&
            ` · ${t('detail.nextCallback')}: ${
              life.nextCallbackAt ? format.dateTime(life.nextCallbackAt) : t('detail.nextCallbackNow')
            }`}
        </Fact>
      )}
      <Fact label={t('detail.answer')} testId="fact-answer">
        {life.answer ? (
          <>
            <strong>{t(`result.${life.answer.result}`)}</strong>
            {` (${t('detail.answerAt', { time: format.dateTime(life.answer.at) })})`}
            {'\n'}
            {life.answer.text}
            {life.answer.attachments && life.answer.attachments.length > 0 && (
              <>
                {'\n'}
                {t('detail.answerFiles', {
                  files: life.answer.attachments.map((f) => `${f.name} (${readableSize(f.size)})`).join(', '),
                })}
              </>
            )}
          </>
        ) : (
          t('detail.noAnswer')
        )}
      </Fact>
      {life.extensionRequest && (
        <Fact label={t('detail.extensionRequested')} testId="fact-extension-request">
          {t('detail.extensionRequest', {
            days: life.extensionRequest.days,
            reason: life.extensionRequest.reason,
          })}
        </Fact>
      )}
      {life.extendedOn && (
        <Fact label={t('detail.extended')} testId="fact-extended">
          {t('detail.extendedOn', { date: format.date(life.extendedOn) })}
        </Fact>
      )}
      {appeal.supplements.length > 0 && (
        <Fact label={t('detail.supplements')} testId="fact-supplements">
          {appeal.supplements.map((s) => (
            <Box component="span" key={s.at} sx={{ display: 'block' }}>
              {format.dateTime(s.at)}: {s.text}
            </Box>
          ))}
        </Fact>
      )}
    </Box>
  );
}
