import { useState } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import TextField from '@mui/material/TextField';
import CallOutlined from '@mui/icons-material/CallOutlined';
import { useAppDispatch, useAppSelector } from '../../../app/hooks';
import { useT } from '../../../i18n/useT';
import { dialTarget, isCallTarget, placeCall } from '../softphoneCommands';
import { selectCall, selectSipRegistered } from '../softphoneSlice';

/** Outbound calls by number or operator username, when no call is going on. */
export function DialPad() {
  const t = useT();
  const dispatch = useAppDispatch();
  const phase = useAppSelector(selectCall).phase;
  const registered = useAppSelector(selectSipRegistered);
  const [text, setText] = useState('');
  if (phase !== 'idle' && phase !== 'ended') return null;
  const target = dialTarget(text.trim());
  const valid = isCallTarget(target);
  const dial = () => {
    if (!valid || !registered) return;
    void dispatch(placeCall(target));
    setText('');
  };
  return (
    <Box
      component="form"
      onSubmit={(e) => {
        e.preventDefault();
        dial();
      }}
      sx={{ display: 'flex', gap: 1, alignItems: 'center' }}
    >
      <TextField
        size="small"
        label={t('softphone.dialTarget')}
        value={text}
        onChange={(e) => setText(e.target.value)}
        disabled={!registered}
        slotProps={{ htmlInput: { maxLength: 80, 'data-testid': 'softphone-dial-input' } }}
        sx={{ width: 180 }}
      />
      <Button
        type="submit"
        size="small"
        variant="outlined"
        startIcon={<CallOutlined />}
        disabled={!valid || !registered}
        data-testid="softphone-dial"
      >
        {t('softphone.dial')}
      </Button>
    </Box>
  );
}
