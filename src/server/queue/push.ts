// Server -> PBX: wake a suspended caller (POST {ctl}/queue/continue?tindex=&tlabel=, the PBX
// token as bearer, empty body). The PBX answers 200 (resumed: it asks the route again) or 404 (no
// such suspended transaction). Anything else, or no answer within the timeout, is 'failed': the
// sweep pushes again.
import { QUEUE_PATHS } from './schemas';
import type { PushTarget } from './store';

export async function pushContinue(
  target: PushTarget,
  token: string,
  timeoutMs: number,
): Promise<number | 'failed'> {
  const url = `${target.controlUrl}${QUEUE_PATHS.pbxContinue}?tindex=${target.tIndex}&tlabel=${target.tLabel}`;
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'manual',
    });
    await res.arrayBuffer().catch(() => undefined);
    return res.status;
  } catch {
    return 'failed';
  }
}
