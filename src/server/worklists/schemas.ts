// Wire shapes of the work lists and the backlog (src/shared/domain/worklists.ts decides what each
// list holds and who sees it; these are only the HTTP forms of its questions and answers).
import { z } from 'zod';
import { StorableLine } from '../../shared/domain/storable';
import { BacklogRow, WorkListId } from '../../shared/domain/worklists';
import { AppealListItem } from '../appeals/schemas';

const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

export const WorkListParams = z.object({ list: WorkListId }).strict();

export const WorkListHttpQuery = z
  .object({
    /** Narrows the list to one executor organisation (the lead's click on a backlog row). */
    executorId: StorableLine.min(1).max(64).optional(),
    /** Only appeals whose deadline has passed (in the center's time zone). */
    onlyOverdue: flag.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    /** The `nextCursor` of the previous page of the same list and filters. */
    cursor: z
      .string()
      .max(300)
      .regex(/^[\w-]+$/)
      .optional(),
  })
  .strict();
export type WorkListHttpQuery = z.output<typeof WorkListHttpQuery>;

export const WorkListResponse = z.object({
  items: z.array(AppealListItem),
  nextCursor: z.string().nullable(),
  /** Every appeal in the list with these filters, not only this page. */
  total: z.number().int().min(0),
});
export type WorkListResponse = z.infer<typeof WorkListResponse>;

export const BacklogResponse = z.object({
  /** One row per executor organisation (every one in the directory, and any other holding appeals). */
  rows: z.array(BacklogRow),
  /** When the counts were taken (ISO instant); `today` is the center's calendar day they count from. */
  asOf: z.string(),
  today: z.string(),
});
export type BacklogResponse = z.infer<typeof BacklogResponse>;
