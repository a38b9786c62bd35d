import { useEffect } from 'react';
import Box from '@mui/material/Box';
import { useAppSelector } from '../../../app/hooks';
import { useT } from '../../../i18n/useT';
import { CallerPanel } from '../../callerPanel/components/CallerPanel';
import { FeatureBoundary } from '../../../app/FeatureBoundary';
import { selectVisibleSteps } from '../intakeSelectors';
import { AnonymousBanner } from './AnonymousBanner';
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

  // The three columns share the screen's height and each scrolls on its own when it holds more:
  // the page itself never scrolls, and on 1366x768 a typical appeal needs no scrolling at all.
  const column = { maxHeight: { md: '100%' }, minHeight: 0, overflow: 'auto' } as const;
  return (
    <Box
      sx={{
        display: 'grid',
        gridTemplateColumns: {
          xs: 'minmax(0, 1fr)',
          md: '220px minmax(0, 1fr) 260px',
          lg: '250px minmax(0, 1fr) 290px',
          xl: '300px minmax(0, 1fr) 420px',
        },
        gridTemplateRows: { md: 'minmax(0, 1fr)' },
        height: { md: '100%' },
        boxSizing: 'border-box',
        gap: 1.5,
        px: 1.5,
        py: 1,
        alignItems: 'start',
      }}
    >
      <Box sx={column}>
        <ScriptPanel />
      </Box>
      <Box sx={column}>
        <IntakeForm />
      </Box>
      <DiscardDraftDialog />
      <Box sx={{ ...column, display: 'flex', flexDirection: 'column', gap: 1 }}>
        {/* Art. 8 beside the caller's history, where it shows without moving the form. */}
        <AnonymousBanner />
        <FeatureBoundary feature={t('caller.title')} t={t}>
          <CallerPanel />
        </FeatureBoundary>
      </Box>
    </Box>
  );
}
