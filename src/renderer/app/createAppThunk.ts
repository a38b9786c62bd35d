import { createAsyncThunk } from '@reduxjs/toolkit';
import type { AppError } from '../../shared/result';
import type { AppDispatch, RootState, ThunkExtra } from './store';

/** Thunks reject with the service's `AppError`, so components can show its message. */
export const createAppAsyncThunk = createAsyncThunk.withTypes<{
  state: RootState;
  dispatch: AppDispatch;
  extra: ThunkExtra;
  rejectValue: AppError;
}>();
