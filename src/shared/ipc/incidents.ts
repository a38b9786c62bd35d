// Mass incidents as the workstation's screens see them (issue 14, part 3): the IPC side only. Main
// reads the server's incidents (src/shared/incidents) and hands the renderer these views, so a
// screen never depends on the server's wire shape and an unreachable server is simply "no hint".
import { z } from 'zod';
import { ClosingResult, LIMITS } from '../domain/appeal';
import { StorableText } from '../domain/storable';

const IncidentId = z.string().min(1).max(64);
const Line = z.string().max(400);

/** As the server's `IncidentState` (src/shared/incidents): forming, confirmed (by a lead), closed. */
export const IncidentStage = z.enum(['forming', 'confirmed', 'closed']);
export type IncidentStage = z.infer<typeof IncidentStage>;

export const IncidentView = z.object({
  id: IncidentId,
  stage: IncidentStage,
  /** The classifier group the clustered appeals share (named from the workstation's classifier). */
  categoryGroupId: z.string().max(64),
  /** Where it is: the one-line address of its centre building (addressLine, src/shared/domain). */
  place: Line,
  /** The first and the latest linked appeal (ISO instants). */
  since: z.string().max(40),
  lastAt: z.string().max(40),
  appealCount: z.number().int().min(0),
  /** Compare-and-set version for a lead's action: a lead who acted first makes the other's 409. */
  version: z.number().int().min(0),
  /** What the center wrote for operators to read to callers; null: the screen's own words. */
  script: z.string().max(2000).nullable(),
  /** A closed one: resolved (its appeals moved on) or merged into another. */
  closedAs: z.enum(['resolved', 'merged']).nullable(),
});
export type IncidentView = z.infer<typeof IncidentView>;

/** An appeal of an incident, as a lead chooses which to split off. */
export const IncidentAppeal = z.object({
  id: IncidentId,
  /** The official number; null while the server has not given one. */
  number: z.string().max(64).nullable(),
  status: z.string().max(64),
  createdAt: z.string().max(40),
  /** Grouped by the detector, linked by an operator, or moved by a lead's split or merge. */
  linkedBy: z.enum(['detector', 'operator', 'split', 'merge']),
});
export type IncidentAppeal = z.infer<typeof IncidentAppeal>;

export const IncidentDetail = IncidentView.extend({ appeals: z.array(IncidentAppeal) });
export type IncidentDetail = z.infer<typeof IncidentDetail>;

export const IncidentsNearInput = z
  .object({
    address: z
      .object({
        city: z.string().trim().max(LIMITS.addressPart),
        street: z.string().trim().min(1).max(LIMITS.addressPart),
        building: z.string().trim().min(1).max(20),
      })
      .strict(),
    /** When known, only incidents of this question type's group. */
    categoryId: z.string().min(1).max(64).nullable().default(null),
  })
  .strict();
export type IncidentsNearInput = z.input<typeof IncidentsNearInput>;

/** Open incidents at or near an address; `reachable: false` when the server could not be asked. */
export const IncidentsNear = z.object({ incidents: z.array(IncidentView), reachable: z.boolean() });
export type IncidentsNear = z.infer<typeof IncidentsNear>;

/** Every open incident (team lead, admin), and whether the live channel keeps the list current. */
export const OpenIncidents = z.object({ incidents: z.array(IncidentView), live: z.boolean() });
export type OpenIncidents = z.infer<typeof OpenIncidents>;

export const IncidentLinkInput = z.object({ incidentId: IncidentId, appealId: IncidentId }).strict();
/**
 * `linked`: the server holds the link; `queued`: the appeal is not on the server yet (or the server
 * cannot be reached), main links it as soon as the appeal has been pushed.
 */
export const IncidentLinkState = z.object({ state: z.enum(['linked', 'queued']) });
export type IncidentLinkState = z.infer<typeof IncidentLinkState>;

export const IncidentAction = z.discriminatedUnion('kind', [
  /** A lead may reword what operators read to callers when confirming. */
  z.object({ kind: z.literal('confirm'), script: StorableText.trim().min(1).max(2000).optional() }).strict(),
  /** This incident's appeals join `intoId` (at the version the lead saw), and this one ends. */
  z.object({ kind: z.literal('merge'), intoId: IncidentId, intoVersion: z.number().int().min(1) }).strict(),
  /** These appeals leave into a new incident of their own. */
  z.object({ kind: z.literal('split'), appealIds: z.array(IncidentId).min(1).max(500) }).strict(),
  /** Linked appeals move on together; each citizen is still called back on their own appeal. */
  z
    .object({
      kind: z.literal('close'),
      result: ClosingResult.default('done'),
      /** The answer every linked appeal is given. */
      answer: StorableText.trim().min(1).max(LIMITS.note),
    })
    .strict(),
]);
export type IncidentAction = z.input<typeof IncidentAction>;
export type IncidentActionKind = IncidentAction['kind'];

export const IncidentActInput = z
  .object({ id: IncidentId, baseVersion: z.number().int().min(1), action: IncidentAction })
  .strict();
export type IncidentActInput = z.input<typeof IncidentActInput>;

/**
 * After an action: the incident as it now stands, the other one (a split's new incident, a merge's
 * target), and on close how many linked appeals moved on and how many were already past that step.
 */
export const IncidentActed = z.object({
  incident: IncidentView,
  other: IncidentView.nullable(),
  closed: z.object({ moved: z.number().int().min(0), left: z.number().int().min(0) }).nullable(),
});
export type IncidentActed = z.infer<typeof IncidentActed>;

/** Main's event: one incident is new or changed, or the live channel came up or went down. */
export const IncidentChange = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('incident'), incident: IncidentView, isNew: z.boolean() }),
  z.object({ kind: z.literal('live'), live: z.boolean() }),
]);
export type IncidentChange = z.infer<typeof IncidentChange>;
