import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import PhoneInTalkOutlined from '@mui/icons-material/PhoneInTalkOutlined';
import { useT } from '../i18n/useT';

/** Reserved for the softphone (SIP.js), which a later issue fills in. */
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
      <PhoneInTalkOutlined fontSize="small" color="action" aria-hidden />
      <Typography variant="subtitle2" component="h2">
        {t('softphone.title')}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {t('softphone.placeholder')}
      </Typography>
    </Paper>
  );
}
