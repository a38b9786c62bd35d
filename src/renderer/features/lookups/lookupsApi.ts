// One cache for what is known about a caller: earlier appeals and consultations by phone, open
// appeals at a building, the Art. 8 repeat check. Screen pop and the caller panel read the same
// entries (RTK Query over `window.api`: the queries call the `Api` in the thunk's extra argument),
// and every entry is refetched when main says appeals or consultations changed.
import { createApi, defaultSerializeQueryArgs, fakeBaseQuery, skipToken } from '@reduxjs/toolkit/query';
import { createSelector } from '@reduxjs/toolkit';
import { buildingKey, type AppealSummary } from '../../../shared/domain';
import { appealNumberOf } from '../../../shared/domain/appealNumber';
import { contract, type Channel, type ChannelInput, type ChannelOutput } from '../../../shared/ipc/contract';
import type { AppError, Result } from '../../../shared/result';
import type { RootState, ThunkExtra } from '../../app/store';

export type CallerHistoryArgs = ChannelInput<'lookup:caller'>;
export type BuildingAppealsArgs = ChannelInput<'lookup:building'>;
export type RepeatCheckArgs = ChannelInput<'appeals:checkRepeat'>;
/** An appeal's number as the citizen read it out (official or provisional). */
export interface AppealByNumberArgs {
  number: string;
}

const settle = <T>(result: Result<T>): { data: T } | { error: AppError } =>
  result.ok ? { data: result.value } : { error: result.error };

/**
 * Requests that mean the same share one entry: the key is the input as main will read it, with
 * the contract's defaults applied (`{ phone }` and `{ phone, limit: 20 }` are one request).
 */
const asMainReadsIt = <C extends Channel>(channel: C, args: ChannelInput<C>): unknown => {
  const parsed = contract[channel].input.safeParse(args);
  return parsed.success ? parsed.data : args;
};

export const lookupsApi = createApi({
  reducerPath: 'lookups',
  baseQuery: fakeBaseQuery<AppError>(),
  tagTypes: ['Appeals', 'Consultations'],
  endpoints: (build) => ({
    callerHistory: build.query<ChannelOutput<'lookup:caller'>, CallerHistoryArgs>({
      queryFn: async (args, { extra }) => settle(await (extra as ThunkExtra).api.lookup.caller(args)),
      serializeQueryArgs: ({ queryArgs, endpointName, endpointDefinition }) =>
        defaultSerializeQueryArgs({
          queryArgs: asMainReadsIt('lookup:caller', queryArgs),
          endpointName,
          endpointDefinition,
        }),
      providesTags: ['Appeals', 'Consultations'],
    }),
    buildingAppeals: build.query<ChannelOutput<'lookup:building'>, BuildingAppealsArgs>({
      queryFn: async (args, { extra }) => settle(await (extra as ThunkExtra).api.lookup.building(args)),
      // Main finds a building by its key, so any spelling of the same street is the same request.
      serializeQueryArgs: ({ queryArgs, endpointName }) =>
        `${endpointName}(${JSON.stringify([
          buildingKey(queryArgs.address),
          contract['lookup:building'].input.shape.limit.parse(queryArgs.limit),
        ])})`,
      providesTags: ['Appeals'],
    }),
    // Main recognises a number in the appeals search and finds that appeal (appealNumber.ts).
    appealByNumber: build.query<AppealSummary[], AppealByNumberArgs>({
      queryFn: async ({ number }, { extra }) => {
        const result = await (extra as ThunkExtra).api.appeals.list({ text: number, limit: 5 });
        return result.ok ? { data: result.value.items } : { error: result.error };
      },
      // Any spelling of one number ("р-7к3м-000002", "P-7K3M-000002") is one request.
      serializeQueryArgs: ({ queryArgs, endpointName }) =>
        `${endpointName}(${appealNumberOf(queryArgs.number)?.number ?? queryArgs.number})`,
      providesTags: ['Appeals'],
    }),
    repeatCheck: build.query<ChannelOutput<'appeals:checkRepeat'>, RepeatCheckArgs>({
      queryFn: async (args, { extra }) => settle(await (extra as ThunkExtra).api.appeals.checkRepeat(args)),
      serializeQueryArgs: ({ queryArgs, endpointName, endpointDefinition }) =>
        defaultSerializeQueryArgs({
          queryArgs: asMainReadsIt('appeals:checkRepeat', queryArgs),
          endpointName,
          endpointDefinition,
        }),
      providesTags: ['Appeals'],
    }),
  }),
});

type Status = 'idle' | 'loading' | 'loaded' | 'failed';

/** A lookup as a screen shows it: the key it was made for, and the cache entry's state. */
export interface Lookup<T> {
  key: string | null;
  status: Status;
  data: T | null;
  error: string | null;
}

interface Entry<T> {
  data?: T;
  isError: boolean;
  error?: unknown;
}

const messageOf = (error: unknown): string =>
  error && typeof error === 'object' && 'message' in error ? String(error.message) : 'Lookup failed';

function toLookup<T>(key: string | null, args: unknown, entry: Entry<T>): Lookup<T> {
  if (key === null || args === null) return { key: null, status: 'idle', data: null, error: null };
  // A refetch after main announced a change keeps showing what was there meanwhile.
  if (entry.data !== undefined) return { key, status: 'loaded', data: entry.data, error: null };
  if (entry.isError) return { key, status: 'failed', data: null, error: messageOf(entry.error) };
  return { key, status: 'loading', data: null, error: null };
}

type Endpoint<A, T> = { select(args: A | typeof skipToken): (state: RootState) => Entry<T> };

/**
 * A selector of the lookup a screen follows: `current` names the key and arguments it shows (kept
 * in its slice, the same object until they change), the cache holds the answer.
 */
export function selectLookup<A, T>(
  endpoint: Endpoint<A, T>,
  current: (state: RootState) => { key: string | null; args: A | null },
) {
  let lastArgs: A | null | undefined;
  let selectEntry: (state: RootState) => Entry<T> = () => ({ isError: false });
  const entryOf = (state: RootState) => {
    const { args } = current(state);
    if (args !== lastArgs) {
      lastArgs = args;
      selectEntry = endpoint.select(args ?? skipToken);
    }
    return selectEntry(state);
  };
  return createSelector([current, entryOf], ({ key, args }, entry) => toLookup(key, args, entry));
}

/** A subscription to one cache entry, held while a screen needs it and then released. */
export interface Held {
  unsubscribe(): void;
}
