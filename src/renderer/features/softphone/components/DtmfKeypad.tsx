import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import { useAppDispatch } from '../../../app/hooks';
import { useT } from '../../../i18n/useT';
import { DTMF_TONES } from '../../../softphone/softphone';
import { sendTone } from '../softphoneCommands';

export function DtmfKeypad() {
  const t = useT();
  const dispatch = useAppDispatch();
  return (
    <Box
      role="group"
      aria-label={t('softphone.keypadTitle')}
      data-testid="softphone-keypad"
      sx={{ display: 'grid', gridTemplateColumns: 'repeat(3, 48px)', gap: 0.5, p: 1 }}
    >
      {DTMF_TONES.map((tone) => (
        <Button key={tone} variant="outlined" size="small" onClick={() => void dispatch(sendTone(tone))}>
          {tone}
        </Button>
      ))}
    </Box>
  );
}
