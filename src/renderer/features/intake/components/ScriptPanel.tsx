import { useEffect } from 'react';
import Box from '@mui/material/Box';
import Paper from '@mui/material/Paper';
import Step from '@mui/material/Step';
import StepButton from '@mui/material/StepButton';
import StepContent from '@mui/material/StepContent';
import Stepper from '@mui/material/Stepper';
import Typography from '@mui/material/Typography';
import { fillPlaceholders } from '../../../../shared/domain/callScript';
import { pickText } from '../../../../shared/domain/i18nText';
import { selectAppInfo, selectLocale } from '../../../app/appSlice';
import { useAppSelector } from '../../../app/hooks';
import { selectSession } from '../../auth/authSlice';
import { useFormat, useT } from '../../../i18n/useT';
import { selectActiveStepId, selectSavedAppeal, selectVisibleSteps } from '../intakeSelectors';
import { useJumpToStep } from './useJumpToStep';

/** The call script beside the form: what to say now, with the registration number once there is one. */
export function ScriptPanel() {
  const t = useT();
  const format = useFormat();
  const locale = useAppSelector(selectLocale);
  const info = useAppSelector(selectAppInfo);
  const steps = useAppSelector(selectVisibleSteps);
  const activeId = useAppSelector(selectActiveStepId);
  const saved = useAppSelector(selectSavedAppeal);
  const sessionName = useAppSelector(selectSession)?.user?.name;
  const jump = useJumpToStep();
  const values: Record<string, string> = {
    operatorName: sessionName ?? info?.operatorName ?? '',
    center: info?.center.name ?? '',
    registrationNumber: saved?.number ?? t('intake.pending'),
    deadline: saved ? format.date(saved.deadlineOn) : t('intake.pending'),
  };
  const activeIndex = steps.findIndex((s) => s.id === activeId);

  // Keep what to say in view: after saving, the closing step with the number is at the bottom.
  useEffect(() => {
    if (!activeId) return;
    document.querySelector(`[data-step="${CSS.escape(activeId)}"]`)?.scrollIntoView?.({ block: 'nearest' });
  }, [activeId]);
  return (
    <Paper
      component="aside"
      aria-label={t('intake.script')}
      variant="outlined"
      sx={{ px: 1.5, py: 1, height: '100%', overflow: 'auto' }}
    >
      <Typography variant="overline" component="h2" color="text.secondary">
        {t('intake.script')}
      </Typography>
      {steps.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {t('intake.scriptMissing')}
        </Typography>
      ) : (
        <Stepper
          nonLinear
          orientation="vertical"
          activeStep={activeIndex}
          data-testid="script-steps"
          // Dense: all steps and what to say now fit beside the form on a 1366x768 screen.
          sx={{
            '& .MuiStepButton-root': { py: 0.5, px: 1, my: -0.5, mx: -1 },
            '& .MuiStepConnector-line': { minHeight: 6 },
            '& .MuiStepContent-root': { mt: 0.5 },
          }}
        >
          {steps.map((step, i) => {
            const active = step.id === activeId;
            return (
              <Step
                key={step.id}
                completed={saved !== null && !step.closing}
                data-step={step.id}
                data-active={active || undefined}
              >
                <StepButton
                  onClick={() => jump(step.id)}
                  // Reached with Alt+1..9, so Tab goes straight from the top bar into the form.
                  tabIndex={-1}
                  aria-current={active ? 'step' : undefined}
                  optional={
                    i < 9 ? (
                      <Typography variant="caption" color="text.secondary">
                        {t('intake.stepShortcut', { n: i + 1 })}
                      </Typography>
                    ) : undefined
                  }
                >
                  {pickText(step.title, locale)}
                </StepButton>
                <StepContent>
                  <Box
                    sx={{
                      borderLeft: 3,
                      borderColor: 'primary.main',
                      bgcolor: 'action.hover',
                      px: 1,
                      py: 0.75,
                      borderRadius: 1,
                    }}
                  >
                    <Typography variant="caption" color="text.secondary" component="div">
                      {t('intake.say')}
                    </Typography>
                    <Typography
                      variant="body1"
                      data-testid={active ? 'script-say' : undefined}
                      sx={{ fontSize: 15, lineHeight: 1.4 }}
                    >
                      {fillPlaceholders(pickText(step.say, locale), values)}
                    </Typography>
                  </Box>
                  {step.hint && (
                    <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5, fontSize: 13 }}>
                      <strong>{t('intake.hint')}:</strong> {pickText(step.hint, locale)}
                    </Typography>
                  )}
                </StepContent>
              </Step>
            );
          })}
        </Stepper>
      )}
    </Paper>
  );
}
