// Which screen the user sees. Kept in the store so the intake draft survives moving between
// screens and shortcuts can switch screens from anywhere. Each role has its own screens
// (roleScreens.ts); a screen the role does not have is never shown, its home is instead.
import { createSelector, createSlice, type PayloadAction } from '@reduxjs/toolkit';
import { HOME_OF } from '../../shared/domain/worklists';
import { selectRole } from '../features/auth/authSlice';
import { VIEWS_OF } from './roleScreens';
import type { RootState } from './store';

export const views = ['intake', 'worklists', 'backlog', 'cockpit', 'appeals', 'consultations'] as const;
export type View = (typeof views)[number];

export interface NavigationState {
  view: View;
  detailAppealId: string | null;
  shortcutsOpen: boolean;
  /** Bumped to ask the appeals search box to take focus (Ctrl+F). */
  searchFocusRequest: number;
  /** Bumped to ask the intake form to focus its first field (Ctrl+N). */
  intakeFocusRequest: number;
  /** Bumped to ask the consultation form to focus its first field (Ctrl+Shift+C). */
  consultationFocusRequest: number;
}

const initialState: NavigationState = {
  view: 'intake',
  detailAppealId: null,
  shortcutsOpen: false,
  searchFocusRequest: 0,
  intakeFocusRequest: 0,
  consultationFocusRequest: 0,
};

const slice = createSlice({
  name: 'navigation',
  initialState,
  reducers: {
    viewOpened(state, action: PayloadAction<View>) {
      state.view = action.payload;
    },
    appealDetailOpened(state, action: PayloadAction<string>) {
      state.detailAppealId = action.payload;
    },
    appealDetailClosed(state) {
      state.detailAppealId = null;
    },
    shortcutsHelpOpened(state) {
      state.shortcutsOpen = true;
    },
    shortcutsHelpClosed(state) {
      state.shortcutsOpen = false;
    },
    appealSearchRequested(state) {
      state.view = 'appeals';
      state.searchFocusRequest += 1;
    },
    intakeRequested(state) {
      state.view = 'intake';
      state.intakeFocusRequest += 1;
    },
    consultationRequested(state) {
      state.view = 'consultations';
      state.consultationFocusRequest += 1;
    },
  },
});

export const {
  viewOpened,
  appealDetailOpened,
  appealDetailClosed,
  shortcutsHelpOpened,
  shortcutsHelpClosed,
  appealSearchRequested,
  intakeRequested,
  consultationRequested,
} = slice.actions;
export const navigationReducer = slice.reducer;

export const selectView = (state: RootState) => state.navigation.view;
export const selectDetailAppealId = (state: RootState) => state.navigation.detailAppealId;
export const selectShortcutsOpen = (state: RootState) => state.navigation.shortcutsOpen;
export const selectSearchFocusRequest = (state: RootState) => state.navigation.searchFocusRequest;
export const selectIntakeFocusRequest = (state: RootState) => state.navigation.intakeFocusRequest;
export const selectConsultationFocusRequest = (state: RootState) => state.navigation.consultationFocusRequest;

/** The screens the signed-in role has, its home first (the operator's while nobody is known yet). */
export const selectViews = createSelector([selectRole], (role) => VIEWS_OF[role ?? 'operator']);

/** The screen shown: the one asked for when the role has it, otherwise the role's home. */
export const selectShownView = createSelector(
  [selectView, selectRole, selectViews],
  (view, role, allowed): View => (allowed.includes(view) ? view : HOME_OF[role ?? 'operator']),
);
