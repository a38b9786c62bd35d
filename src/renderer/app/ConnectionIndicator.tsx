import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import CloudDoneOutlined from '@mui/icons-material/CloudDoneOutlined';
import CloudOffOutlined from '@mui/icons-material/CloudOffOutlined';
import CloudSyncOutlined from '@mui/icons-material/CloudSyncOutlined';
import { assertNever } from '../../shared/result';
import { useT } from '../i18n/useT';
import { selectConnection } from './appSlice';
import { useAppSelector } from './hooks';

/**
 * Kept for screen readers only: the chip is shown when the link is down, and announces recovery.
 * Sizes are strings: in `sx` a bare 1 means 100%, which made this span as wide as the top bar and
 * pushed every page 24 px past the window.
 */
const visuallyHidden = {
  position: 'absolute',
  width: '1px',
  height: '1px',
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
} as const;

/**
 * The link between this screen and the workstation service (the web host's WebSocket). While it
 * works it is not news, and a visible "Connected" next to the server's sync state reads as if the
 * server were reachable: so only a lost or pending link is shown.
 */
export function ConnectionIndicator() {
  const t = useT();
  const state = useAppSelector(selectConnection);
  let label: string;
  let icon;
  let color: 'success' | 'warning' | 'error';
  switch (state) {
    case 'connected':
      label = t('connection.connected');
      icon = <CloudDoneOutlined />;
      color = 'success';
      break;
    case 'connecting':
      label = t('connection.connecting');
      icon = <CloudSyncOutlined />;
      color = 'warning';
      break;
    case 'reconnecting':
      label = t('connection.reconnecting');
      icon = <CloudOffOutlined />;
      color = 'error';
      break;
    default:
      return assertNever(state, 'connection state');
  }
  if (state === 'connected') {
    return (
      <Box
        component="span"
        role="status"
        aria-live="polite"
        data-testid="connection-state"
        data-state={state}
        sx={visuallyHidden}
      >
        {t('connection.label', { state: label })}
      </Box>
    );
  }
  return (
    <Chip
      role="status"
      aria-live="polite"
      aria-label={t('connection.label', { state: label })}
      data-testid="connection-state"
      data-state={state}
      icon={icon}
      label={label}
      color={color}
      size="small"
      variant="filled"
    />
  );
}
