// Wire shapes of the appeals REST API.
import { z } from 'zod';
import { AppealStatus, AppealSummary, AppealType, LIMITS } from '../../shared/domain/appeal';
import { AppealHistory } from '../../shared/domain/appealHistory';
import { StorableLine, UuidAnyCase } from '../../shared/domain/storable';
import { ServerAppeal } from '../../shared/sync/protocol';

const flag = z.enum(['true', 'false']).transform((v) => v === 'true');

export const AppealListQuery = z
  .object({
    status: AppealStatus.optional(),
    type: AppealType.optional(),
    // Filters reach SQL parameters: text PostgreSQL cannot hold (NUL) is refused here, not there.
    category: StorableLine.min(1).max(64).optional(),
    executor: StorableLine.min(1).max(64).optional(),
    /** Open appeals whose deadline has passed. */
    overdue: flag.optional(),
    priority: flag.optional(),
    /** Substring of the essence, case-insensitive. */
    text: StorableLine.trim().min(1).max(LIMITS.searchQuery).optional(),
    officialNumber: StorableLine.min(1).max(40).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    /** The `nextCursor` of the previous page. */
    cursor: z
      .string()
      .max(200)
      .regex(/^[\w-]+$/)
      .optional(),
  })
  .strict();
export type AppealListQuery = z.output<typeof AppealListQuery>;

export const AppealListItem = AppealSummary.extend({ version: z.number().int() });
export type AppealListItem = z.infer<typeof AppealListItem>;

export const AppealListResponse = z.object({
  items: z.array(AppealListItem),
  nextCursor: z.string().nullable(),
});
export type AppealListResponse = z.infer<typeof AppealListResponse>;

export const AppealIdParams = z.object({ id: UuidAnyCase }).strict();

export const AppealResponse = ServerAppeal;

/** The shared shape (appealHistory.ts); from the server it is always complete. */
export const AppealHistoryResponse = AppealHistory.extend({ complete: z.literal(true) });
export type AppealHistoryResponse = z.infer<typeof AppealHistoryResponse>;
