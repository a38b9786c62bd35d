// Open incidents near a building, in the lookups cache the caller panel and the screen pop share
// (features/lookups): the same building asked by both is one request, and every entry is re-read
// when main announces an incident new or changed (`Incidents` tag, incidentsListeners.ts).
import { buildingKey } from '../../../shared/domain';
import type { skipToken } from '@reduxjs/toolkit/query';
import type { IncidentsNear, IncidentsNearInput } from '../../../shared/ipc/incidents';
import type { AppError } from '../../../shared/result';
import type { RootState, ThunkExtra } from '../../app/store';
import { lookupsApi } from '../lookups/lookupsApi';

export type NearArgs = IncidentsNearInput & { categoryId: string | null };

/** One key for one building and category, whatever the spelling of the street. */
export const nearKey = (args: NearArgs): string =>
  JSON.stringify([buildingKey(args.address), args.categoryId]);

export const incidentsApi = lookupsApi.enhanceEndpoints({ addTagTypes: ['Incidents'] }).injectEndpoints({
  endpoints: (build) => ({
    incidentsNear: build.query<IncidentsNear, NearArgs>({
      queryFn: async (args, { extra }) => {
        const result = await (extra as ThunkExtra).api.incidents.near(args);
        // A hint: whatever went wrong, there is simply nothing to show (main says so already).
        return result.ok ? { data: result.value } : { error: result.error satisfies AppError };
      },
      serializeQueryArgs: ({ queryArgs, endpointName }) => `${endpointName}(${nearKey(queryArgs)})`,
      providesTags: ['Incidents'],
    }),
  }),
});

/**
 * The cache entry of one building's incidents. The store's lookups reducer is typed before this
 * endpoint was injected, so its state is read through the injected API's own state type.
 */
export const nearEndpoint = {
  select: (args: NearArgs | typeof skipToken) => {
    const select = incidentsApi.endpoints.incidentsNear.select(args);
    return (state: RootState) => select(state as unknown as Parameters<typeof select>[0]);
  },
};
