// The center's numbers for one day (issue 13): by interval, per operator and by category group,
// from `metrics:day` (the server's GET /api/v1/queue/metrics). Today is read again every minute
// while the cockpit is open; a past day once. Failing, the last figures stay with the reason.
import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { DayMetrics } from '../../../shared/queue/metrics';
import type { AppError } from '../../../shared/result';
import { createAppAsyncThunk } from '../../app/createAppThunk';
import type { RootState } from '../../app/store';

/** Today's figures are read again this often while the cockpit is shown. */
export const METRICS_REFRESH_MS = 60_000;

export interface MetricsState {
  /** The day asked for (YYYY-MM-DD); null is today in the server's time zone. */
  day: string | null;
  data: DayMetrics | null;
  /** The day `data` was asked for (null: today), so a past day's figures never pass for today's. */
  dataFor: string | null;
  status: 'idle' | 'loading' | 'loaded' | 'failed';
  error: AppError | null;
}

const initialState: MetricsState = { day: null, data: null, dataFor: null, status: 'idle', error: null };

export const loadDayMetrics = createAppAsyncThunk<DayMetrics, string | null>(
  'metrics/loadDay',
  async (day, { extra: { api }, rejectWithValue }) => {
    const result = await api.metrics.day(day === null ? {} : { day });
    return result.ok ? result.value : rejectWithValue(result.error);
  },
);

const slice = createSlice({
  name: 'metrics',
  initialState,
  reducers: {
    /** The day picker: null for today. */
    metricsDayChosen(state, action: PayloadAction<string | null>) {
      state.day = action.payload;
    },
    metricsReset: () => initialState,
  },
  extraReducers: (builder) => {
    builder
      .addCase(loadDayMetrics.pending, (state) => {
        state.status = 'loading';
      })
      .addCase(loadDayMetrics.fulfilled, (state, action) => {
        // An answer for a day no longer asked for (the picker moved on) is not shown.
        if (action.meta.arg !== state.day) return;
        state.data = action.payload;
        state.dataFor = action.meta.arg;
        state.status = 'loaded';
        state.error = null;
      })
      .addCase(loadDayMetrics.rejected, (state, action) => {
        if (action.meta.arg !== state.day) return;
        state.status = 'failed';
        state.error = action.payload ?? {
          code: 'internal',
          message: action.error.message ?? 'Unknown error',
        };
      });
  },
});

export const { metricsDayChosen, metricsReset } = slice.actions;
export const metricsReducer = slice.reducer;
export const selectMetrics = (s: RootState) => s.metrics;
