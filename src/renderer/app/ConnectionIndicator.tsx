import Chip from '@mui/material/Chip';
import CloudDoneOutlined from '@mui/icons-material/CloudDoneOutlined';
import CloudOffOutlined from '@mui/icons-material/CloudOffOutlined';
import CloudSyncOutlined from '@mui/icons-material/CloudSyncOutlined';
import { assertNever } from '../../shared/result';
import { useT } from '../i18n/useT';
import { selectConnection } from './appSlice';
import { useAppSelector } from './hooks';

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
      variant={state === 'connected' ? 'outlined' : 'filled'}
      sx={{
        bgcolor: state === 'connected' ? 'transparent' : undefined,
        color: state === 'connected' ? 'inherit' : undefined,
      }}
    />
  );
}
