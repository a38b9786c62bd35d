import { clockText } from '../cockpitFormat';
import { useServerNow } from '../floorClock';

/** A running time since `from` (server ms), ticking with the cockpit's one clock. */
export function Elapsed({ from }: { from: number }) {
  const now = useServerNow();
  return <>{clockText(now - from)}</>;
}
