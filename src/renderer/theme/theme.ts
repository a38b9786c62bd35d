// Light for the day shift, dark for the night shift. Dense controls so the whole intake form fits
// on a 1366x768 screen; a strong focus ring because operators work from the keyboard.
import { createTheme, type Theme } from '@mui/material/styles';

export type ThemeMode = 'light' | 'dark';

export function makeTheme(mode: ThemeMode): Theme {
  const theme = createTheme({
    palette: {
      mode,
      primary: { main: mode === 'light' ? '#1f5fa8' : '#8ab4f8' },
      secondary: { main: mode === 'light' ? '#6b4fa0' : '#c5a8f0' },
      background:
        mode === 'light'
          ? { default: '#f4f6f9', paper: '#ffffff' }
          : { default: '#121417', paper: '#1c1f24' },
    },
    typography: {
      fontFamily: 'Roboto, "Helvetica Neue", Arial, sans-serif',
      fontSize: 14,
    },
    shape: { borderRadius: 6 },
    components: {
      MuiTextField: { defaultProps: { size: 'small', fullWidth: true } },
      // Required marks come from FieldLabel, so a label's text stays exactly the field's name.
      MuiInputLabel: { defaultProps: { required: false } },
      MuiFormLabel: { defaultProps: { required: false } },
      MuiAutocomplete: { defaultProps: { size: 'small' } },
      MuiButton: {
        defaultProps: { disableElevation: true },
        styleOverrides: { root: { textTransform: 'none' } },
      },
      MuiCssBaseline: {
        styleOverrides: {
          ':focus-visible': {
            outline: `2px solid ${mode === 'light' ? '#1f5fa8' : '#8ab4f8'}`,
            outlineOffset: 2,
          },
          '.MuiInputBase-root :focus-visible': { outline: 'none' },
        },
      },
    },
  });
  return theme;
}

/** `system` follows the operating system's preference. */
export function resolveThemeMode(setting: 'light' | 'dark' | 'system', prefersDark: boolean): ThemeMode {
  if (setting === 'system') return prefersDark ? 'dark' : 'light';
  return setting;
}
