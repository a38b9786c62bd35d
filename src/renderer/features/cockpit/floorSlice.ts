// The team lead's live floor (issue 13): every agent and the call queue as main holds them from the
// live channel, kept current by `floor:changed` deltas after one `floor:snapshot`. Waits and times
// in state are counted against the server's clock: each snapshot of the queue carries `asOf`, and
// the difference to this clock at receipt is kept as `clockOffsetMs`.
import { createEntityAdapter, createSlice, type EntityState, type PayloadAction } from '@reduxjs/toolkit';
import type { AgentOverrideInput, FloorChange, FloorSnapshot } from '../../../shared/queue/floor';
import type { QueueSnapshot } from '../../../shared/queue/queue';
import type { AgentSnapshot, AgentStateName } from '../../../shared/softphone/agent';
import { assertNever, type AppError } from '../../../shared/result';
import { createAppAsyncThunk } from '../../app/createAppThunk';
import type { RootState } from '../../app/store';

export const floorSortKeys = [
  'alerts',
  'name',
  'state',
  'timeInState',
  'call',
  'line',
  'connected',
  'signedIn',
] as const;
export type FloorSortKey = (typeof floorSortKeys)[number];

/** "Waiting now" is kept this long for the sparkline. */
export const SPARKLINE_WINDOW_MS = 15 * 60 * 1000;
/** How often the sparkline takes a sample between queue events. */
export const SPARKLINE_SAMPLE_MS = 5000;

export interface WaitingSample {
  /** Server time, ms. */
  at: number;
  count: number;
}

const agents = createEntityAdapter<AgentSnapshot, string>({ selectId: (a) => a.userId });

export interface FloorState {
  agents: EntityState<AgentSnapshot, string>;
  queue: QueueSnapshot | null;
  live: boolean;
  /** Server time (ms) of the last figures received while live: what the "not live" banner names. */
  lastLiveAt: number | null;
  /** The server's clock minus this one, ms. */
  clockOffsetMs: number;
  status: 'idle' | 'loading' | 'loaded' | 'failed';
  error: AppError | null;
  sort: { by: FloorSortKey; direction: 'asc' | 'desc' };
  filter: { state: AgentStateName | 'all'; alertsOnly: boolean; text: string };
  waitingSamples: WaitingSample[];
}

const initialState: FloorState = {
  agents: agents.getInitialState(),
  queue: null,
  live: false,
  lastLiveAt: null,
  clockOffsetMs: 0,
  status: 'idle',
  error: null,
  // Who needs attention first, then who has been in their state longest.
  sort: { by: 'alerts', direction: 'desc' },
  filter: { state: 'all', alertsOnly: false, text: '' },
  waitingSamples: [],
};

export const loadFloor = createAppAsyncThunk<{ snapshot: FloorSnapshot; receivedAt: number }>(
  'floor/load',
  async (_: void, { extra: { api }, rejectWithValue }) => {
    const result = await api.floor.snapshot();
    return result.ok ? { snapshot: result.value, receivedAt: Date.now() } : rejectWithValue(result.error);
  },
);

/** A lead sets an agent's state; the refusal (a call in progress, no server) comes back as is. */
export const overrideAgentState = createAppAsyncThunk<AgentSnapshot, AgentOverrideInput & { userId: string }>(
  'floor/overrideAgentState',
  async (input, { extra: { api }, rejectWithValue }) => {
    const result = await api.floor.setAgentState(input);
    return result.ok ? result.value : rejectWithValue(result.error);
  },
);

function sample(state: FloorState, at: number) {
  const count = state.queue?.waiting.length ?? 0;
  state.waitingSamples.push({ at, count });
  const from = at - SPARKLINE_WINDOW_MS;
  const firstKept = state.waitingSamples.findIndex((s) => s.at >= from);
  if (firstKept > 0) state.waitingSamples.splice(0, firstKept);
}

function takeQueue(state: FloorState, queue: QueueSnapshot, receivedAt: number) {
  state.queue = queue;
  state.clockOffsetMs = Date.parse(queue.asOf) - receivedAt;
  sample(state, Date.parse(queue.asOf));
}

const slice = createSlice({
  name: 'floor',
  initialState,
  reducers: {
    floorChanged: {
      reducer(state, action: PayloadAction<{ change: FloorChange; receivedAt: number }>) {
        const { change, receivedAt } = action.payload;
        switch (change.kind) {
          case 'agent':
            agents.setOne(state.agents, change.agent);
            break;
          case 'queue':
            takeQueue(state, change.queue, receivedAt);
            break;
          case 'live':
            state.live = change.live;
            break;
          default:
            assertNever(change, 'floor change');
        }
        if (state.live) state.lastLiveAt = receivedAt + state.clockOffsetMs;
      },
      prepare: (change: FloorChange) => ({ payload: { change, receivedAt: Date.now() } }),
    },
    /** The sparkline's clock: a sample of "waiting now" even when the queue did not move. */
    waitingSampled(state, action: PayloadAction<{ now: number }>) {
      if (state.status === 'loaded') sample(state, action.payload.now + state.clockOffsetMs);
    },
    floorSortChanged(state, action: PayloadAction<FloorSortKey>) {
      const by = action.payload;
      if (state.sort.by === by) state.sort.direction = state.sort.direction === 'asc' ? 'desc' : 'asc';
      else state.sort = { by, direction: by === 'name' || by === 'state' ? 'asc' : 'desc' };
    },
    floorFilterChanged(state, action: PayloadAction<Partial<FloorState['filter']>>) {
      state.filter = { ...state.filter, ...action.payload };
    },
    floorReset: () => initialState,
  },
  extraReducers: (builder) => {
    builder
      .addCase(loadFloor.pending, (state) => {
        if (state.status !== 'loaded') state.status = 'loading';
        state.error = null;
      })
      .addCase(loadFloor.fulfilled, (state, action) => {
        const { snapshot, receivedAt } = action.payload;
        agents.setAll(state.agents, snapshot.agents);
        state.clockOffsetMs = Date.parse(snapshot.asOf) - receivedAt;
        if (snapshot.queue) takeQueue(state, snapshot.queue, receivedAt);
        else state.queue = null;
        state.live = snapshot.live;
        // Not live: the figures are main's last, as of the snapshot's time.
        state.lastLiveAt = Date.parse(snapshot.asOf);
        state.status = 'loaded';
      })
      .addCase(overrideAgentState.fulfilled, (state, action) => {
        agents.setOne(state.agents, action.payload);
      })
      .addCase(loadFloor.rejected, (state, action) => {
        // The last figures stay on screen; the banner says they are not live.
        state.status = state.status === 'loaded' ? 'loaded' : 'failed';
        state.live = false;
        state.error = action.payload ?? {
          code: 'internal',
          message: action.error.message ?? 'Unknown error',
        };
      });
  },
});

export const { floorChanged, waitingSampled, floorSortChanged, floorFilterChanged, floorReset } =
  slice.actions;
export const floorReducer = slice.reducer;

const agentSelectors = agents.getSelectors((s: RootState) => s.floor.agents);
export const selectFloorAgents = agentSelectors.selectAll;
export const selectFloorAgentById = agentSelectors.selectById;
export const selectFloor = (s: RootState) => s.floor;
export const selectQueue = (s: RootState) => s.floor.queue;
export const selectClockOffset = (s: RootState) => s.floor.clockOffsetMs;
export const selectFloorSort = (s: RootState) => s.floor.sort;
export const selectFloorFilter = (s: RootState) => s.floor.filter;
export const selectWaitingSamples = (s: RootState) => s.floor.waitingSamples;
