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
import { selectNeedsSignIn, selectOperatorName, selectRole } from '../features/auth/authSlice';
import { LanguageSwitch } from './LanguageSwitch';
import { ThemeSwitch } from './ThemeSwitch';
import { selectAppInfo } from './appSlice';
import { useAppDispatch, useAppSelector } from './hooks';
import type { MessageKey } from '../i18n/dictionary';
import { selectShownView, selectViews, shortcutsHelpOpened, viewOpened, type View } from './navigationSlice';

/** Still the page's heading for screen readers where there is no room to show it. */
const visuallyHidden = {
  position: 'absolute',
  width: '1px',
  height: '1px',
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
} as const;

const LABELS: Record<View, MessageKey> = {
  intake: 'nav.intake',
  worklists: 'nav.worklists',
  backlog: 'nav.backlog',
  cockpit: 'nav.cockpit',
  appeals: 'nav.appeals',
  consultations: 'nav.consultations',
};

export function TopBar({ mode }: { mode: ThemeMode }) {
  const t = useT();
  const dispatch = useAppDispatch();
  const info = useAppSelector(selectAppInfo);
  const view = useAppSelector(selectShownView);
  // The tabs follow the role: its home first, then what else it works with (roleScreens.ts).
  const tabs = useAppSelector(selectViews);
  // Signed in to the central server: the account's name, not the OS user the workstation runs as.
  const operatorName = useAppSelector(selectOperatorName);
  const role = useAppSelector(selectRole);
  // Until someone signs in, whose screens these would be is not known: no sections are offered.
  const needsSignIn = useAppSelector(selectNeedsSignIn);
  return (
    <AppBar position="static" elevation={0} color={mode === 'dark' ? 'default' : 'primary'}>
      {/*
        Everything here must be read whole at 1366 px in all four languages: the center's name and
        the operator's name wrap onto a second line instead of being cut with "…". Below 1200 px the
        tabs, the sync state, the operator and the language need the whole bar, so the center's name
        (also said in the call script's greeting) is left to screen readers.
      */}
      <Toolbar variant="dense" sx={{ gap: 2, minHeight: 52, px: { xs: 1.5, md: 2 } }}>
        <Typography
          variant="body2"
          component="h1"
          data-testid="center-name"
          sx={(theme) => ({
            fontWeight: 500,
            lineHeight: 1.25,
            maxWidth: { lg: 210, xl: 360 },
            minWidth: 0,
            [theme.breakpoints.down('lg')]: visuallyHidden,
          })}
        >
          {info?.center.name ?? ''}
        </Typography>
        <Box component="nav" aria-label={t('app.sections')} sx={{ flexShrink: 0 }} hidden={needsSignIn}>
          <Tabs
            aria-label={t('app.sections')}
            value={view}
            onChange={(_, next: View) => dispatch(viewOpened(next))}
            textColor="inherit"
            indicatorColor={mode === 'dark' ? 'primary' : 'secondary'}
            sx={{
              minHeight: 52,
              '& .MuiTab-root': { minHeight: 52, minWidth: 0, px: 1.5, textTransform: 'none', fontSize: 15 },
            }}
          >
            {tabs.map((tab) => (
              <Tab key={tab} value={tab} label={t(LABELS[tab])} id={`nav-${tab}`} />
            ))}
          </Tabs>
        </Box>
        <Box sx={{ flexGrow: 1 }} />
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, minWidth: 0 }}>
          <SyncIndicator />
          <ConnectionIndicator />
          {operatorName !== null && (
            <Typography
              variant="body2"
              data-testid="operator-name"
              sx={{ lineHeight: 1.25, maxWidth: { xs: 240, xl: 420 }, minWidth: 0, textAlign: 'right' }}
            >
              {t('app.user', { role: t(`role.${role ?? 'operator'}`), name: operatorName })}
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
        </Box>
      </Toolbar>
    </AppBar>
  );
}
