import IconButton from '@mui/material/IconButton';
import Tooltip from '@mui/material/Tooltip';
import DarkModeOutlined from '@mui/icons-material/DarkModeOutlined';
import LightModeOutlined from '@mui/icons-material/LightModeOutlined';
import { useT } from '../i18n/useT';
import { changeSettings } from './appThunks';
import { useAppDispatch } from './hooks';
import type { ThemeMode } from '../theme/theme';

export function ThemeSwitch({ mode }: { mode: ThemeMode }) {
  const t = useT();
  const dispatch = useAppDispatch();
  const label = mode === 'dark' ? t('app.theme.toLight') : t('app.theme.toDark');
  return (
    <Tooltip title={label}>
      <IconButton
        color="inherit"
        aria-label={label}
        data-testid="theme-switch"
        onClick={() => void dispatch(changeSettings({ theme: mode === 'dark' ? 'light' : 'dark' }))}
      >
        {mode === 'dark' ? <LightModeOutlined /> : <DarkModeOutlined />}
      </IconButton>
    </Tooltip>
  );
}
