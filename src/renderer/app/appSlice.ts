import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { AppInfo, Settings } from '../../shared/ipc/contract';
import type { AppError } from '../../shared/result';
import { changeSettings, loadWorkstation } from './appThunks';
import type { ConnectionState } from './webApi';
import type { RootState } from './store';

export interface AppState {
  info: AppInfo | null;
  settings: Settings;
  connection: ConnectionState;
  load: 'idle' | 'loading' | 'loaded' | 'failed';
  loadError: AppError | null;
  settingsError: AppError | null;
}

const initialState: AppState = {
  info: null,
  settings: { locale: 'uk', theme: 'light' },
  connection: 'connecting',
  load: 'idle',
  loadError: null,
  settingsError: null,
};

const slice = createSlice({
  name: 'app',
  initialState,
  reducers: {
    connectionChanged(state, action: PayloadAction<ConnectionState>) {
      state.connection = action.payload;
    },
  },
  extraReducers: (builder) => {
    builder
      .addCase(loadWorkstation.pending, (state) => {
        state.load = 'loading';
        state.loadError = null;
      })
      .addCase(loadWorkstation.fulfilled, (state, action) => {
        state.load = 'loaded';
        state.info = action.payload.info;
        state.settings = action.payload.settings;
      })
      .addCase(loadWorkstation.rejected, (state, action) => {
        state.load = 'failed';
        state.loadError = action.payload ?? {
          code: 'internal',
          message: action.error.message ?? 'Unknown error',
        };
      })
      .addCase(changeSettings.pending, (state, action) => {
        state.settings = { ...state.settings, ...action.meta.arg };
        state.settingsError = null;
      })
      .addCase(changeSettings.fulfilled, (state, action) => {
        state.settings = action.payload;
      })
      .addCase(changeSettings.rejected, (state, action) => {
        state.settingsError = action.payload ?? {
          code: 'internal',
          message: action.error.message ?? 'Unknown error',
        };
      });
  },
});

export const { connectionChanged } = slice.actions;
export const appReducer = slice.reducer;

export const selectAppInfo = (state: RootState) => state.app.info;
export const selectLocale = (state: RootState) => state.app.settings.locale;
export const selectThemeSetting = (state: RootState) => state.app.settings.theme;
export const selectConnection = (state: RootState) => state.app.connection;
export const selectLoad = (state: RootState) => state.app.load;
export const selectLoadError = (state: RootState) => state.app.loadError;
export const selectRuleSet = (state: RootState) => state.app.info?.ruleSet ?? 'ua';
