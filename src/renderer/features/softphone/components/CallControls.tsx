import { useState } from 'react';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Popover from '@mui/material/Popover';
import CallEndOutlined from '@mui/icons-material/CallEndOutlined';
import DialpadOutlined from '@mui/icons-material/DialpadOutlined';
import MicOffOutlined from '@mui/icons-material/MicOffOutlined';
import MicOutlined from '@mui/icons-material/MicOutlined';
import PauseOutlined from '@mui/icons-material/PauseOutlined';
import PlayArrowOutlined from '@mui/icons-material/PlayArrowOutlined';
import PhoneForwardedOutlined from '@mui/icons-material/PhoneForwardedOutlined';
import { useAppDispatch, useAppSelector } from '../../../app/hooks';
import { useT } from '../../../i18n/useT';
import { endCall, toggleHold, toggleMute } from '../softphoneCommands';
import { selectCall } from '../softphoneSlice';
import { DtmfKeypad } from './DtmfKeypad';
import { TransferDialog } from './TransferDialog';

/** Controls of a call from dialling until it ends. */
export function CallControls() {
  const t = useT();
  const dispatch = useAppDispatch();
  const call = useAppSelector(selectCall);
  const [keypadAnchor, setKeypadAnchor] = useState<HTMLElement | null>(null);
  // Tied to the call it was opened for: a dialog left open must not come back over the next call,
  // where it would hide Hang up.
  const [transferFor, setTransferFor] = useState<string | null>(null);
  if (call.phase === 'idle' || call.phase === 'ended' || call.phase === 'ringing') return null;
  const talking = call.phase === 'active' || call.phase === 'held';
  const muted = talking && call.muted;
  return (
    <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
      {talking && (
        <>
          <Button
            size="small"
            variant={muted ? 'contained' : 'outlined'}
            startIcon={muted ? <MicOffOutlined /> : <MicOutlined />}
            aria-pressed={muted}
            aria-keyshortcuts="Control+Shift+M"
            data-testid="softphone-mute"
            onClick={() => dispatch(toggleMute())}
          >
            {muted ? t('softphone.unmute') : t('softphone.mute')}
          </Button>
          <Button
            size="small"
            variant={call.phase === 'held' ? 'contained' : 'outlined'}
            startIcon={call.phase === 'held' ? <PlayArrowOutlined /> : <PauseOutlined />}
            aria-pressed={call.phase === 'held'}
            aria-keyshortcuts="Control+Shift+H"
            data-testid="softphone-hold"
            onClick={() => void dispatch(toggleHold())}
          >
            {call.phase === 'held' ? t('softphone.resume') : t('softphone.hold')}
          </Button>
          <Button
            size="small"
            variant="outlined"
            startIcon={<DialpadOutlined />}
            disabled={call.phase !== 'active'}
            onClick={(e) => setKeypadAnchor(e.currentTarget)}
          >
            {t('softphone.keypad')}
          </Button>
          <Button
            size="small"
            variant="outlined"
            startIcon={<PhoneForwardedOutlined />}
            data-testid="softphone-transfer"
            onClick={() => setTransferFor(call.callId)}
          >
            {t('softphone.transfer')}
          </Button>
        </>
      )}
      <Button
        size="small"
        variant="contained"
        color="error"
        startIcon={<CallEndOutlined />}
        aria-keyshortcuts="Control+Shift+Backspace"
        data-testid="softphone-hangup"
        onClick={() => void dispatch(endCall())}
      >
        {t('softphone.hangup')}
      </Button>
      <Popover
        open={keypadAnchor !== null && call.phase === 'active'}
        anchorEl={keypadAnchor}
        onClose={() => setKeypadAnchor(null)}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'left' }}
      >
        <DtmfKeypad />
      </Popover>
      <TransferDialog open={talking && transferFor === call.callId} onClose={() => setTransferFor(null)} />
    </Box>
  );
}
