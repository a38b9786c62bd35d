import { useEffect, useMemo } from 'react';
import { useAppDispatch, useAppSelector } from '../../../app/hooks';
import { incidentsApi, nearEndpoint, type NearArgs } from '../incidentsApi';
import { IncidentHint } from './IncidentHint';

/**
 * The screen pop's hint, for the building of the caller's latest appeal (what the pop knows while
 * the phone rings). It holds its cache entry while shown; the caller panel asking for the same
 * building after the answer reads the same entry.
 */
export function PopIncidentHint({ address }: { address: NearArgs['address'] }) {
  const dispatch = useAppDispatch();
  const { city, street, building } = address;
  const args = useMemo<NearArgs>(
    () => ({ address: { city, street, building }, categoryId: null }),
    [city, street, building],
  );
  useEffect(() => {
    const held = dispatch(incidentsApi.endpoints.incidentsNear.initiate(args));
    return () => held.unsubscribe();
  }, [dispatch, args]);
  const select = useMemo(() => nearEndpoint.select(args), [args]);
  const found = useAppSelector(select).data;
  return <IncidentHint incidents={found?.incidents ?? []} testId="pop-incident" />;
}
