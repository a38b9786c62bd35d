// Wire shapes of the executor directory as the server keeps it (GET /api/v1/executors) and of an
// admin's edit of an executor's contacts (PUT /api/v1/executors/:id/contacts).
import { z } from 'zod';
import { ExecutorContacts } from '../../shared/domain/reference';
import { storableLine, StorableLine } from '../../shared/domain/storable';

export const ExecutorIdParams = z.object({ id: StorableLine.min(1).max(64) }).strict();

/**
 * The shared contacts shape, with what PostgreSQL cannot keep (NUL, a broken character) or a line
 * break refused, and an empty value stored as none.
 */
export const ContactsBody = ExecutorContacts.superRefine((contacts, ctx) => {
  for (const [field, value] of Object.entries(contacts))
    if (value !== null && !storableLine(value))
      ctx.addIssue({ code: 'custom', path: [field], message: 'One line of text without control characters' });
}).transform((c): ExecutorContacts => ({
  phone: c.phone || null,
  address: c.address || null,
  hours: c.hours || null,
}));

export const ExecutorRecord = z.object({
  id: z.string(),
  name: z.string(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
  hours: z.string().nullable(),
  /** When an admin last edited the contacts; null: as shipped in the reference data. */
  contactsUpdatedAt: z.string().nullable(),
});
export type ExecutorRecord = z.infer<typeof ExecutorRecord>;

export const ExecutorListResponse = z.object({ executors: z.array(ExecutorRecord) });
