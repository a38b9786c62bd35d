// An appeal's history as people read it (issue 12, item 4): who changed what, when, and from which
// workstation. The server keeps it (appeal_history) and serves it to the workstation and the REST API.
import { z } from 'zod';
import { Role } from '../sync/auth';
import { AppealAmendment } from './amendment';
import { AppealStatus } from './appeal';
import { LifecycleAction } from './lifecycle';

/** One line of an appeal's history: who, when, what, from which workstation. */
export const HistoryEntry = z.object({
  id: z.string(),
  at: z.string(),
  user: z.object({ id: z.string(), name: z.string(), role: Role }).nullable(),
  /** The workstation the change came from (its device id), null for a change made on the server. */
  deviceId: z.string().nullable(),
  kind: z.enum(['created', 'transition', 'amend', 'withdrawn']),
  /** For `transition`: the action (lifecycle.ts) with its fields, the status before and after. */
  action: LifecycleAction.nullable(),
  statusBefore: AppealStatus.nullable(),
  statusAfter: AppealStatus.nullable(),
  /** For `amend`: the amendment as made. */
  amendment: AppealAmendment.nullable(),
  version: z.number().int(),
});
export type HistoryEntry = z.infer<typeof HistoryEntry>;

export const AppealHistory = z.object({
  /** False when the server could not be asked (offline, no server): `entries` are the local ones. */
  complete: z.boolean(),
  entries: z.array(HistoryEntry),
});
export type AppealHistory = z.infer<typeof AppealHistory>;
