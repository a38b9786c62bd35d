import Paper from '@mui/material/Paper';
import { SoftphoneView } from '../features/softphone/components/SoftphoneView';
import { useT } from '../i18n/useT';
import { FeatureBoundary } from './FeatureBoundary';

/** The softphone region of the shell; its own error boundary keeps a softphone fault from taking the form down. */
export function SoftphonePane() {
  const t = useT();
  return (
    <Paper
      component="section"
      role="region"
      aria-label={t('softphone.title')}
      data-testid="softphone-pane"
      variant="outlined"
      square
      sx={{ display: 'flex', alignItems: 'center', gap: 1, px: 2, py: 0.75, borderLeft: 0, borderRight: 0 }}
    >
      <FeatureBoundary feature={t('softphone.title')} t={t}>
        <SoftphoneView />
      </FeatureBoundary>
    </Paper>
  );
}
