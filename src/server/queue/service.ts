// One instance's part of the queue: answers the PBX's route queries and events, dispatches when an
// operator frees (agent_changed, through the live hub's listener) and in a sweep every
// QueueSettings.sweepMs, and pushes the PBX (POST {ctl}/queue/continue) after each commit. Nothing
// is kept in memory that another instance would need: a restarted or second instance carries on
// from the database.
import type { AppContext } from '../context';
import { withTransaction } from '../db/pool';
import { loggableError } from '../errors';
import { staleSeconds } from '../agents/snapshots';
import type { QueueSnapshot } from '../../shared/queue/queue';
import { pushContinue } from './push';
import type { PbxQueueEventQuery } from './schemas';
import { readQueueSnapshot } from './snapshot';
import {
  answerOffered,
  claimRepushes,
  closeForgotten,
  closeLostLine,
  closeOtherBoots,
  confirmAnswered,
  dispatch,
  liveQueues,
  lockQueue,
  recordEvent,
  routeCall,
  type PushTarget,
  type QueueTimings,
  type RouteAnswer,
  type RouteQuery,
} from './store';

export interface QueueService {
  route(query: RouteQuery): Promise<RouteAnswer>;
  event(query: PbxQueueEventQuery): Promise<void>;
  /** An operator may have freed: dispatch every queue with callers waiting. */
  wake(): void;
  /** The agent's workstation reports being on a call: a queued caller it was offered is answered. */
  confirmAnswered(userId: string, callKey: string): Promise<void>;
  snapshot(): Promise<QueueSnapshot>;
  start(): void;
  /** Stops the sweep and waits for the dispatch and pushes under way. */
  stop(): Promise<void>;
}

export interface QueueServiceOptions {
  ctx: AppContext;
  pbxToken(): Promise<string>;
  log(message: string): void;
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref());
const describe = (error: unknown): string => JSON.stringify(loggableError(error as Error));

export function createQueueService({ ctx, pbxToken, log }: QueueServiceOptions): QueueService {
  const { pool, config } = ctx;
  const settings = config.queue;
  const timings: QueueTimings = {
    settings,
    staleSeconds: staleSeconds(config.live),
    reservationSeconds: config.reservationSeconds,
  };
  const inFlight = new Set<Promise<unknown>>();
  let stopped = false;
  let sweepTimer: NodeJS.Timeout | null = null;
  let knownBoot: string | null = null;

  const track = <T>(work: Promise<T>): Promise<T> => {
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work)).catch(() => undefined);
    return work;
  };

  // After stop() nothing is pushed: the caller stays offered and unasked, which the sweep of any
  // instance (this one restarted, or another) pushes again.
  const push = (targets: readonly PushTarget[]): void => {
    if (stopped) return;
    for (const target of targets) {
      void track(
        (async () => {
          const status = await pushContinue(target, await pbxToken(), settings.pushTimeoutMs);
          // A PBX that has no such suspended caller lost it, unless its question about the caller is
          // on its way (this push crossed it): given the time a question takes, then closed.
          // Other failures wait for the sweep.
          if (status === 404 && !stopped) {
            await delay(settings.repushAfterMs);
            if (stopped) return;
            push(await withTransaction(pool, (client) => closeLostLine(client, target, timings)));
          }
        })().catch((error: unknown) => log(`queue push failed: ${describe(error)}`)),
      );
    }
  };

  const dispatchAll = async (sweeping = false): Promise<void> => {
    for (const queue of await liveQueues(pool)) {
      const pushes = await withTransaction(pool, async (client) => {
        await lockQueue(client, queue);
        if (sweeping) await closeForgotten(client, queue, timings);
        return dispatch(client, queue, timings);
      });
      push(pushes);
    }
  };

  // A wake while a dispatch runs asks for one more run after it, never for two at once.
  let dispatching: Promise<void> | null = null;
  let again = false;
  const runDispatch = (): void => {
    if (stopped) return;
    if (dispatching) {
      again = true;
      return;
    }
    dispatching = track(
      dispatchAll()
        .catch((error: unknown) => log(`queue dispatch failed: ${describe(error)}`))
        .finally(() => {
          dispatching = null;
          if (again) {
            again = false;
            runDispatch();
          }
        }),
    );
  };

  // The PBX's questions about new callers take their queue's lock one at a time anyway: they wait
  // for their turn here, in order, rather than each holding one of the pool's connections while it
  // waits in PostgreSQL (a burst of callers would take them all, and the workstations' reports of an
  // operator freeing would wait for a connection behind the burst). Questions about two queues take
  // turns too: a center has one queue or a few, and a question costs milliseconds.
  let routeTurn: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(work: () => Promise<T>): Promise<T> => {
    const mine = routeTurn.then(work, work);
    routeTurn = mine.catch(() => undefined);
    return mine;
  };

  let sweeping = false;
  const sweep = async () => {
    await dispatchAll(true);
    push(await claimRepushes(pool, timings));
  };

  const service: QueueService = {
    async route(query) {
      const newBoot = query.boot !== knownBoot;
      if (!newBoot) {
        const offered = await answerOffered(pool, query);
        if (offered) return offered;
      }
      const ask = (closeBoots: boolean) =>
        inTurn(() =>
          withTransaction(pool, async (client) => {
            const closed = closeBoots
              ? await closeOtherBoots(client, query.boot, timings, query.queue)
              : { pushes: [] };
            const routed = await routeCall(client, query, timings);
            return { answer: routed.answer, pushes: [...closed.pushes, ...routed.pushes] };
          }),
        );
      let { answer, pushes } = await ask(newBoot);
      knownBoot = query.boot;
      push(pushes);
      if (answer.status === 'settle') {
        // The caller has entered (committed): callers received before it that the PBX asks about
        // meanwhile enter too, and the dispatch below offers them all in arrival order.
        await delay(answer.ms);
        ({ answer, pushes } = await ask(false));
        push(pushes);
        // Asked again at once, the caller is no new caller: never 'settle' twice.
        if (answer.status === 'settle') throw new Error('queue: a caller settled twice');
      }
      return answer;
    },
    async event(query) {
      const pushes = await withTransaction(pool, async (client) => {
        if (query.event === 'boot') return (await closeOtherBoots(client, query.boot, timings)).pushes;
        return recordEvent(client, query.callId!, query.event, query.operator ?? null, timings);
      });
      if (query.event === 'boot') knownBoot = query.boot;
      push(pushes);
    },
    wake: runDispatch,
    confirmAnswered: (userId, callKey) => confirmAnswered(pool, userId, callKey),
    snapshot: () =>
      readQueueSnapshot(pool, {
        timeZone: config.appeals.timeZone,
        thresholdSeconds: settings.serviceLevelSeconds,
      }),
    start() {
      sweepTimer = setInterval(() => {
        if (sweeping || stopped) return;
        sweeping = true;
        void track(
          sweep()
            .catch((error: unknown) => log(`queue sweep failed: ${describe(error)}`))
            .finally(() => {
              sweeping = false;
            }),
        );
      }, settings.sweepMs);
      sweepTimer.unref();
    },
    async stop() {
      stopped = true;
      if (sweepTimer) clearInterval(sweepTimer);
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
  return service;
}
