import { Suspense, useEffect, useMemo, type ReactNode } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import CssBaseline from '@mui/material/CssBaseline';
import { ThemeProvider } from '@mui/material/styles';
import useMediaQuery from '@mui/material/useMediaQuery';
import { assertNever } from '../../shared/result';
import { AppealDetailDialog } from '../features/appeals/components/AppealDetailDialog';
import { AppealsView } from '../features/appeals/components/AppealsView';
import { ConsultationsView } from '../features/consultations/components/ConsultationsView';
import { IntakeView } from '../features/intake/components/IntakeView';
import { useT } from '../i18n/useT';
import { LoginScreen } from '../features/auth/components/LoginScreen';
import { selectNeedsSignIn, selectRole } from '../features/auth/authSlice';
import { BacklogView } from '../features/backlog/components/BacklogView';
import { OverrideNotice } from '../features/softphone/components/OverrideNotice';
import { WorkListsView } from '../features/worklists/components/WorkListsView';
import { makeTheme, resolveThemeMode } from '../theme/theme';
import { CockpitView } from './cockpitChunk';
import { FeatureBoundary } from './FeatureBoundary';
import { ShortcutsDialog } from './ShortcutsDialog';
import { SoftphonePane } from './SoftphonePane';
import { TopBar } from './TopBar';
import { selectLoad, selectLoadError, selectLocale, selectThemeSetting } from './appSlice';
import { loadWorkstation } from './appThunks';
import { useAppDispatch, useAppSelector } from './hooks';
import { selectShownView, type View } from './navigationSlice';
import { hasSoftphone } from './roleScreens';
import { useShortcuts } from './useShortcuts';

function ViewContent({ view }: { view: View }) {
  const t = useT();
  switch (view) {
    case 'intake':
      return (
        <FeatureBoundary feature={t('nav.intake')} t={t}>
          <IntakeView />
        </FeatureBoundary>
      );
    case 'worklists':
      return (
        <FeatureBoundary feature={t('nav.worklists')} t={t}>
          <WorkListsView />
        </FeatureBoundary>
      );
    case 'backlog':
      return (
        <FeatureBoundary feature={t('nav.backlog')} t={t}>
          <BacklogView />
        </FeatureBoundary>
      );
    case 'cockpit':
      return (
        <FeatureBoundary feature={t('nav.cockpit')} t={t}>
          <Suspense fallback={<CircularProgress size={24} sx={{ m: 3 }} aria-label={t('app.loading')} />}>
            <CockpitView />
          </Suspense>
        </FeatureBoundary>
      );
    case 'appeals':
      return (
        <FeatureBoundary feature={t('nav.appeals')} t={t}>
          <AppealsView />
        </FeatureBoundary>
      );
    case 'consultations':
      return (
        <FeatureBoundary feature={t('nav.consultations')} t={t}>
          <ConsultationsView />
        </FeatureBoundary>
      );
    default:
      return assertNever(view, 'view');
  }
}

function Loading({ children }: { children: ReactNode }) {
  return (
    <Box role="status" sx={{ display: 'flex', gap: 2, alignItems: 'center', justifyContent: 'center', p: 6 }}>
      {children}
    </Box>
  );
}

export function App() {
  const t = useT();
  const dispatch = useAppDispatch();
  const load = useAppSelector(selectLoad);
  const loadError = useAppSelector(selectLoadError);
  const view = useAppSelector(selectShownView);
  const role = useAppSelector(selectRole);
  const themeSetting = useAppSelector(selectThemeSetting);
  const prefersDark = useMediaQuery('(prefers-color-scheme: dark)');
  const mode = resolveThemeMode(themeSetting, prefersDark);
  const theme = useMemo(() => makeTheme(mode), [mode]);
  const locale = useAppSelector(selectLocale);
  const needsSignIn = useAppSelector(selectNeedsSignIn);
  useShortcuts();
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  let content: ReactNode;
  if (load === 'loaded') content = needsSignIn ? <LoginScreen /> : <ViewContent view={view} />;
  else if (load === 'failed')
    content = (
      <Box sx={{ p: 4 }}>
        <Alert
          severity="error"
          action={
            <Button color="inherit" onClick={() => void dispatch(loadWorkstation())}>
              {t('app.retry')}
            </Button>
          }
        >
          {t('app.loadFailed', { message: loadError?.message ?? '' })}
        </Alert>
      </Box>
    );
  else
    content = (
      <Loading>
        <CircularProgress size={24} />
        {t('app.loading')}
      </Loading>
    );

  return (
    <ThemeProvider theme={theme}>
      <CssBaseline />
      <Box
        data-theme-mode={mode}
        sx={{ display: 'flex', flexDirection: 'column', height: '100vh', bgcolor: 'background.default' }}
      >
        <TopBar mode={mode} />
        {hasSoftphone(role) && <SoftphonePane />}
        <Box component="main" sx={{ flex: 1, minHeight: 0, overflow: 'auto' }}>
          {content}
        </Box>
      </Box>
      <ShortcutsDialog />
      {hasSoftphone(role) && <OverrideNotice />}
      {load === 'loaded' && !needsSignIn && (
        <FeatureBoundary feature={t('nav.appeals')} t={t}>
          <AppealDetailDialog />
        </FeatureBoundary>
      )}
    </ThemeProvider>
  );
}
