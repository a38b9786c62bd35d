import AppBar from '@mui/material/AppBar';
import Box from '@mui/material/Box';
import IconButton from '@mui/material/IconButton';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import Toolbar from '@mui/material/Toolbar';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import KeyboardOutlined from '@mui/icons-material/KeyboardOutlined';
import { useT } from '../i18n/useT';
import type { ThemeMode } from '../theme/theme';
import { ConnectionIndicator } from './ConnectionIndicator';
import { SyncIndicator } from '../features/sync/components/SyncIndicator';
import { selectSession } from '../features/auth/authSlice';
import { LanguageSwitch } from './LanguageSwitch';
import { ThemeSwitch } from './ThemeSwitch';
import { selectAppInfo } from './appSlice';
import { useAppDispatch, useAppSelector } from './hooks';
import { selectView, shortcutsHelpOpened, viewOpened, type View } from './navigationSlice';

const TABS: { view: View; label: 'nav.intake' | 'nav.appeals' | 'nav.consultations' }[] = [
  { view: 'intake', label: 'nav.intake' },
  { view: 'appeals', label: 'nav.appeals' },
  { view: 'consultations', label: 'nav.consultations' },
];

export function TopBar({ mode }: { mode: ThemeMode }) {
  const t = useT();
  const dispatch = useAppDispatch();
  const info = useAppSelector(selectAppInfo);
  const view = useAppSelector(selectView);
  // Signed in to the central server: the account's name, not the OS user the workstation runs as.
  const operatorName = useAppSelector(selectSession)?.user?.name ?? info?.operatorName;
  return (
    <AppBar position="static" elevation={0} color={mode === 'dark' ? 'default' : 'primary'}>
      <Toolbar variant="dense" sx={{ gap: 2, minHeight: 52 }}>
        <Typography
          variant="subtitle1"
          component="h1"
          noWrap
          sx={{ fontWeight: 500, maxWidth: 320 }}
          title={info?.center.name}
        >
          {info?.center.name ?? ''}
        </Typography>
        <Box component="nav" aria-label={t('app.sections')} sx={{ flexShrink: 0 }}>
          <Tabs
            aria-label={t('app.sections')}
            value={view}
            onChange={(_, next: View) => dispatch(viewOpened(next))}
            textColor="inherit"
            indicatorColor={mode === 'dark' ? 'primary' : 'secondary'}
            sx={{ minHeight: 52, '& .MuiTab-root': { minHeight: 52, textTransform: 'none', fontSize: 15 } }}
          >
            {TABS.map((tab) => (
              <Tab key={tab.view} value={tab.view} label={t(tab.label)} id={`nav-${tab.view}`} />
            ))}
          </Tabs>
        </Box>
        <Box sx={{ flexGrow: 1 }} />
        <SyncIndicator />
        <ConnectionIndicator />
        {info && (
          <Typography variant="body2" noWrap data-testid="operator-name" title={operatorName}>
            {t('app.operator', { name: operatorName ?? '' })}
          </Typography>
        )}
        <LanguageSwitch />
        <ThemeSwitch mode={mode} />
        <Tooltip title={t('app.shortcuts')}>
          <IconButton
            color="inherit"
            aria-label={t('app.shortcuts')}
            onClick={() => dispatch(shortcutsHelpOpened())}
          >
            <KeyboardOutlined />
          </IconButton>
        </Tooltip>
      </Toolbar>
    </AppBar>
  );
}
