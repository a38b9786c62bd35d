// Wire shapes of the queue's PBX protocol (/tmp/notes/protocol.md, summarised in queue/README.md):
// the route query's queue fields (and the INVITE's arrival time) and the PBX's events. Kamailio sends everything as query text.
import { z } from 'zod';
import { StorableLine } from '../../shared/domain/storable';
import { PbxRouteQuery } from '../agents/schemas';

export const QUEUE_PATHS = {
  pbxEvent: '/api/v1/pbx/queue/event',
  /** Called on the PBX: `${ctl}${QUEUE_PATHS.pbxContinue}?tindex=&tlabel=`. */
  pbxContinue: '/queue/continue',
} as const;

const BOOT = /^[A-Za-z0-9-]{8,64}$/;
const Boot = z.string().regex(BOOT, {
  message: 'boot must be the PBX process id: 8 to 64 letters, digits or dashes',
});

/** The PBX's control listener: `http://host:port`, nothing after it. */
const ControlUrl = z
  .string()
  .max(256, { message: 'ctl is at most 256 characters' })
  .regex(/^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$|^https?:\/\/\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/, {
    message: 'ctl must be the PBX control base URL, http://host:port, with no path',
  });

/** Kamailio's $T(id_index) / $T(id_label): unsigned 32-bit integers. */
const TransactionPart = (name: string) =>
  z
    .string()
    .regex(/^\d{1,10}$/, { message: `${name} must be an unsigned integer` })
    .transform(Number)
    .refine((n) => n <= 0xffff_ffff, { message: `${name} must fit in 32 bits` });

const QUEUE_FIELDS = ['boot', 'ctl', 'tindex', 'tlabel'] as const;

/**
 * The route query: the old fields (to, from, callId, tried) plus where the caller waits. A query
 * with none of the four queue fields is an older PBX's, answered the old way (routing.ts); one with
 * some but not all of them is refused.
 */
export const PbxQueueRouteQuery = PbxRouteQuery.extend({
  boot: Boot.optional(),
  ctl: ControlUrl.optional(),
  tindex: TransactionPart('tindex').optional(),
  tlabel: TransactionPart('tlabel').optional(),
  /** When the PBX received the INVITE, its clock in epoch ms (trusted within 5 s of the server's). */
  arrived: z
    .string()
    .regex(/^\d{1,15}$/, { message: 'arrived must be the INVITE arrival time in epoch milliseconds' })
    .transform(Number)
    .optional(),
})
  .strict()
  .superRefine((query, ctx) => {
    const present = QUEUE_FIELDS.filter((field) => query[field] !== undefined);
    if (present.length === 0 || present.length === QUEUE_FIELDS.length) return;
    for (const field of QUEUE_FIELDS.filter((f) => query[f] === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: [field],
        message: `${field} is required with ${present.join(', ')}: boot, ctl, tindex and tlabel come together`,
      });
    }
  });
export type PbxQueueRouteQuery = z.infer<typeof PbxQueueRouteQuery>;

export const QueueEventName = z.enum(['answered', 'abandoned', 'timed_out', 'boot'], {
  message: 'event must be one of answered, abandoned, timed_out, boot',
});

export const PbxQueueEventQuery = z
  .object({
    event: QueueEventName,
    boot: Boot,
    /** The SIP Call-ID; not needed for `boot`. */
    callId: StorableLine.min(1).max(256).optional(),
    /** Who answered (`answered` only). */
    operator: z
      .string()
      .regex(/^[A-Za-z0-9._-]{1,64}$/, { message: 'operator must be a SIP username' })
      .optional(),
  })
  .strict()
  .superRefine((query, ctx) => {
    if (query.event !== 'boot' && query.callId === undefined)
      ctx.addIssue({ code: 'custom', path: ['callId'], message: `callId is required for ${query.event}` });
    if (query.event === 'answered' && query.operator === undefined)
      ctx.addIssue({ code: 'custom', path: ['operator'], message: 'operator is required for answered' });
    if (query.event !== 'answered' && query.operator !== undefined)
      ctx.addIssue({ code: 'custom', path: ['operator'], message: 'operator goes only with answered' });
  });
export type PbxQueueEventQuery = z.infer<typeof PbxQueueEventQuery>;
