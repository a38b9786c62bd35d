// Contact details of executors are not in the public data set. A center keeps them by hand in
// resources/reference/executor-contacts.json, keyed by executor id; anything not listed stays null
// so the workstation never shows a made-up phone number.
import { z } from 'zod';
import type { Executor } from '../../../shared/domain/reference';

const Contact = z
  .object({
    /** The executor's name, for the person editing the file; checked against the directory. */
    name: z.string().min(1).optional(),
    phone: z.string().min(1).nullable().optional(),
    address: z.string().min(1).nullable().optional(),
    hours: z.string().min(1).nullable().optional(),
  })
  .strict();

export const ExecutorContacts = z
  .object({
    description: z.string().optional(),
    contacts: z.record(z.string().regex(/^e-[0-9a-f]+$/, 'expected an executor id like e-1a2b3c4d'), Contact),
  })
  .strict();
export type ExecutorContacts = z.infer<typeof ExecutorContacts>;

/** Problems that make the overlay unusable: unknown ids or a name that does not match the id. */
export function contactProblems(overlay: ExecutorContacts, executors: readonly Executor[]): string[] {
  const byId = new Map(executors.map((e) => [e.id, e]));
  const problems: string[] = [];
  for (const [id, contact] of Object.entries(overlay.contacts)) {
    const executor = byId.get(id);
    if (!executor) problems.push(`unknown executor id ${id}`);
    else if (contact.name !== undefined && contact.name !== executor.name)
      problems.push(`${id} is "${executor.name}", not "${contact.name}"`);
  }
  return problems;
}

export function applyContacts(executors: readonly Executor[], overlay: ExecutorContacts): Executor[] {
  return executors.map((e) => {
    const c = overlay.contacts[e.id];
    if (!c) return e;
    return {
      ...e,
      phone: c.phone !== undefined ? c.phone : e.phone,
      address: c.address !== undefined ? c.address : e.address,
      hours: c.hours !== undefined ? c.hours : e.hours,
    };
  });
}
