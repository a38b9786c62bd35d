import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import type { Appeal } from '../../../../shared/domain';
import { fillPlaceholders } from '../../../../shared/domain/callScript';
import { pickText } from '../../../../shared/domain/i18nText';
import { selectAppInfo, selectLocale } from '../../../app/appSlice';
import { useAppSelector } from '../../../app/hooks';
import { useFormat, useT } from '../../../i18n/useT';
import { appealNumber } from '../../appeals/appealDisplay';
import { selectOperatorName } from '../../auth/authSlice';
import { selectExecutorById } from '../../reference/referenceSlice';
import { selectCallbackScript } from '../callbackSlice';

/**
 * What to say on the callback (resources/scripts/callback.json), filled in for this appeal: who
 * calls, the appeal's number and date, and the executor's answer read as the executor wrote it.
 */
export function CallbackScript({ appeal }: { appeal: Appeal }) {
  const t = useT();
  const format = useFormat();
  const locale = useAppSelector(selectLocale);
  const info = useAppSelector(selectAppInfo);
  const operatorName = useAppSelector(selectOperatorName);
  const executors = useAppSelector(selectExecutorById);
  const { script, status } = useAppSelector(selectCallbackScript);
  const answer = appeal.lifecycle.answer;
  const values: Record<string, string> = {
    center: info?.center.name ?? '',
    operatorName: operatorName ?? '',
    applicantName: appeal.applicant.fullName,
    appealNumber: appealNumber(appeal),
    receivedOn: format.date(appeal.receivedOn),
    executor: executors.get(appeal.executorId)?.name ?? appeal.executorId,
    result: answer ? t(`result.${answer.result}`) : t('callback.noAnswerText'),
    answer: answer?.text ?? '',
  };
  if (status === 'failed' || (status === 'loaded' && !script))
    return (
      <Typography variant="body2" color="text.secondary">
        {t('callback.scriptMissing')}
      </Typography>
    );
  if (!script) return null;
  return (
    <Box
      component="ol"
      aria-label={t('callback.script')}
      sx={{ m: 0, pl: 2.5, display: 'flex', flexDirection: 'column', gap: 1 }}
    >
      {script.steps.map((step) => (
        <Box component="li" key={step.id} data-step={step.id}>
          <Typography variant="caption" color="text.secondary" component="div">
            {pickText(step.title, locale)}
          </Typography>
          <Typography
            variant="body2"
            data-testid={`callback-say-${step.id}`}
            sx={{
              borderLeft: 3,
              borderColor: 'primary.main',
              bgcolor: 'action.hover',
              px: 1,
              py: 0.5,
              borderRadius: 1,
              fontSize: 15,
            }}
          >
            {fillPlaceholders(pickText(step.say, locale), values)}
          </Typography>
          {step.hint && (
            <Typography variant="body2" color="text.secondary" sx={{ fontSize: 13, mt: 0.25 }}>
              {pickText(step.hint, locale)}
            </Typography>
          )}
        </Box>
      ))}
    </Box>
  );
}
