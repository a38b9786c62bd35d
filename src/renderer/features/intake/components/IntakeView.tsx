import { useEffect } from 'react';
import Box from '@mui/material/Box';
import { useAppSelector } from '../../../app/hooks';
import { useT } from '../../../i18n/useT';
import { CallerPanel } from '../../callerPanel/components/CallerPanel';
import { FeatureBoundary } from '../../../app/FeatureBoundary';
import { selectVisibleSteps } from '../intakeSelectors';
import { DiscardDraftDialog } from './DiscardDraftDialog';
import { IntakeForm } from './IntakeForm';
import { ScriptPanel } from './ScriptPanel';
import { useJumpToStep } from './useJumpToStep';

/** Script, form and what is known about the caller, side by side. */
export function IntakeView() {
  const t = useT();
  const steps = useAppSelector(selectVisibleSteps);
  const jump = useJumpToStep();

  // Alt+1..9: jump to a step of the script (by physical key, whatever the keyboard layout).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey) return;
      const m = /^(?:Digit|Numpad)([1-9])$/.exec(e.code);
      if (!m) return;
      const step = steps[Number(m[1]) - 1];
      if (!step) return;
      e.preventDefault();
      jump(step.id);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [steps, jump]);

  return (
    <Box
      sx={{
        display: 'grid',
        gridTemplateColumns: {
          xs: '1fr',
          md: '260px minmax(0, 1fr) 300px',
          xl: '320px minmax(0, 1fr) 380px',
        },
        gap: 1.5,
        p: 1.5,
        alignItems: 'start',
      }}
    >
      <Box
        sx={{
          position: { md: 'sticky' },
          top: 12,
          maxHeight: { md: 'calc(100vh - 112px)' },
          overflow: 'auto',
        }}
      >
        <ScriptPanel />
      </Box>
      <IntakeForm />
      <DiscardDraftDialog />
      <Box
        sx={{
          position: { md: 'sticky' },
          top: 12,
          maxHeight: { md: 'calc(100vh - 112px)' },
          overflow: 'auto',
        }}
      >
        <FeatureBoundary feature={t('caller.title')} t={t}>
          <CallerPanel />
        </FeatureBoundary>
      </Box>
    </Box>
  );
}
