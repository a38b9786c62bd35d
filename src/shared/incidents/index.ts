// Mass incidents (issue 14, part 3): appeals of one category group at one place within a time window
// grouped by the server into an incident, so operators see "known incident" while a caller from that
// place is on the line, link the appeal in one key, and a team lead confirms, merges, splits or closes
// it (closing moves the linked appeals on together; each citizen is still called back). This file is
// the wire contract between the server (src/server/incidents) and the workstation; the detector's
// pure rules are in ./detect.ts, used by the server and by the replay (scripts/incidents) alike.
import { z } from 'zod';
import { ClosingResult, LIMITS } from '../domain/appeal';
import { Instant, StorableLine, StorableText, Uuid, UuidAnyCase } from '../domain/storable';
import type { Role } from '../sync/auth';

export * from './detect';

export const IncidentId = Uuid;
export type IncidentId = z.infer<typeof IncidentId>;

/**
 * `forming`: the detector grouped the appeals, no lead has looked yet (still shown to operators);
 * `confirmed`: a lead said it is one real incident; `closed`: resolved (its appeals moved on) or
 * merged into another (`mergedInto`). Only `forming` and `confirmed` are open.
 */
export const incidentStates = ['forming', 'confirmed', 'closed'] as const;
export const IncidentState = z.enum(incidentStates);
export type IncidentState = z.infer<typeof IncidentState>;
export const OPEN_INCIDENT_STATES: readonly IncidentState[] = ['forming', 'confirmed'];

export const IncidentClosedAs = z.enum(['resolved', 'merged']);
export type IncidentClosedAs = z.infer<typeof IncidentClosedAs>;

/**
 * Where it is. `key` is the building key (src/shared/domain/appeal.ts `buildingKey`: normalised
 * city|street|building) when the appeals carry an address, or `geo:<lat>,<lon>` (5 decimals, the
 * first appeal's point) when they carry only coordinates. `line` is what a person reads.
 */
export const IncidentPlace = z.object({
  key: z.string().max(400),
  line: z.string().max(400),
  lat: z.number().min(-90).max(90).nullable(),
  lon: z.number().min(-180).max(180).nullable(),
});
export type IncidentPlace = z.infer<typeof IncidentPlace>;

export const Incident = z.object({
  id: IncidentId,
  state: IncidentState,
  /** Set when `state` is `closed`. */
  closedAs: IncidentClosedAs.nullable(),
  /** The incident this one was merged into. */
  mergedInto: IncidentId.nullable(),
  /** The classifier group (resources/reference/classifier.json `groups[].id`) the appeals share. */
  categoryGroupId: z.string().max(64),
  place: IncidentPlace,
  /** Metres around `place` that count as the same place; null when matched by building only. */
  radiusMeters: z.number().nullable(),
  appealCount: z.number().int().min(0),
  /** The first and the latest linked appeal's creation (ISO instants). */
  firstAt: Instant,
  lastAt: Instant,
  /** What operators read to a caller from that place; a lead may rewrite it when confirming. */
  script: z.string().max(2000),
  /** Compare-and-set for every lead action: a stale one is answered 409 `stale_version`. */
  version: z.number().int().min(1),
  detectedAt: Instant,
  confirmedBy: z.string().nullable(),
  confirmedAt: Instant.nullable(),
  closedBy: z.string().nullable(),
  closedAt: Instant.nullable(),
});
export type Incident = z.infer<typeof Incident>;

/** How an appeal came into the incident: grouped by the detector, or linked by a person. */
export const IncidentLinkSource = z.enum(['detector', 'operator', 'split', 'merge']);
export type IncidentLinkSource = z.infer<typeof IncidentLinkSource>;

/** An appeal of an incident as the lead's screen lists it: no names, phones or text. */
export const IncidentAppeal = z.object({
  appealId: Uuid,
  officialNumber: z.string().nullable(),
  status: z.string(),
  categoryId: z.string(),
  createdAt: Instant,
  linkedAt: Instant,
  linkedBy: IncidentLinkSource,
});
export type IncidentAppeal = z.infer<typeof IncidentAppeal>;

export const IncidentDetail = Incident.extend({ appeals: z.array(IncidentAppeal) });
export type IncidentDetail = z.infer<typeof IncidentDetail>;

// ---------------------------------------------------------------- REST

export const INCIDENT_PATHS = {
  /** GET: open incidents (or `state=closed`, newest first). */
  list: '/api/v1/incidents',
  /** GET: open incidents at a building (and, with lat/lon, within their radius): the screen pop. */
  near: '/api/v1/incidents/near',
  /** GET: one incident with its appeals. */
  one: '/api/v1/incidents/:id',
  /** POST IncidentLinkRequest: link an appeal (operators: one key). */
  links: '/api/v1/incidents/:id/links',
  /** POST IncidentConfirmRequest. */
  confirm: '/api/v1/incidents/:id/confirm',
  /** POST IncidentMergeRequest: this incident's appeals join `intoId`; this one closes as merged. */
  merge: '/api/v1/incidents/:id/merge',
  /** POST IncidentSplitRequest: these appeals leave into a new incident of their own. */
  split: '/api/v1/incidents/:id/split',
  /** POST IncidentCloseRequest: resolve; every linked appeal moves on towards its own callback. */
  close: '/api/v1/incidents/:id/close',
} as const;

/** `/api/v1/incidents/:id/...` with the id filled in. */
export const incidentPath = (path: string, id: string): string => path.replace(':id', encodeURIComponent(id));

/** Who may read incidents and link appeals, and who may manage them (checked on every route). */
export const INCIDENT_READERS: readonly Role[] = ['operator', 'analyst', 'feedback', 'team_lead', 'admin'];
export const INCIDENT_LINKERS: readonly Role[] = ['operator', 'analyst', 'team_lead', 'admin'];
export const INCIDENT_MANAGERS: readonly Role[] = ['team_lead', 'admin'];

export const IncidentIdParams = z.object({ id: UuidAnyCase }).strict();

export const IncidentListQuery = z
  .object({
    state: z.enum(['open', 'closed']).default('open'),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();
export type IncidentListQuery = z.infer<typeof IncidentListQuery>;

const addressPart = StorableLine.trim().max(LIMITS.addressPart);

/**
 * The screen pop's question: the caller's building (the same parts the intake's Address has), and
 * coordinates where known. `categoryId`, when known, narrows to incidents of that question's group.
 */
export const IncidentNearQuery = z
  .object({
    city: addressPart.default(''),
    street: addressPart.min(1, 'Street is required'),
    building: StorableLine.trim().min(1, 'Building is required').max(20),
    lat: z.coerce.number().min(-90).max(90).optional(),
    lon: z.coerce.number().min(-180).max(180).optional(),
    categoryId: StorableLine.trim().min(1).max(64).optional(),
  })
  .strict();
export type IncidentNearQuery = z.input<typeof IncidentNearQuery>;

export const IncidentList = z.object({ incidents: z.array(Incident) });
export type IncidentList = z.infer<typeof IncidentList>;

export const IncidentLinkRequest = z.object({ appealId: UuidAnyCase }).strict();
export type IncidentLinkRequest = z.infer<typeof IncidentLinkRequest>;

const baseVersion = z.number().int().min(1).max(2_147_483_647);
const script = StorableText.trim().min(1).max(2000);

export const IncidentConfirmRequest = z.object({ baseVersion, script: script.optional() }).strict();
export type IncidentConfirmRequest = z.infer<typeof IncidentConfirmRequest>;

export const IncidentMergeRequest = z
  .object({
    baseVersion,
    intoId: UuidAnyCase,
    /** The version of `intoId` the lead saw: it changes too (it gains the appeals). */
    intoVersion: baseVersion,
  })
  .strict();
export type IncidentMergeRequest = z.infer<typeof IncidentMergeRequest>;

export const IncidentSplitRequest = z
  .object({ baseVersion, appealIds: z.array(UuidAnyCase).min(1).max(500) })
  .strict();
export type IncidentSplitRequest = z.infer<typeof IncidentSplitRequest>;

/**
 * Resolve the incident. Each linked appeal not yet answered is moved on by the lead, following the
 * lifecycle's own steps (src/shared/domain/lifecycle.ts): assigned to its executor if still
 * registered, answered with `result` and `answer`, accepted by control, and so reaches
 * `awaiting_applicant_check`: every citizen is still called back on their own appeal. Appeals already
 * past that point are left as they are. All or nothing, in one transaction.
 */
export const IncidentCloseRequest = z
  .object({
    baseVersion,
    result: ClosingResult.default('done'),
    answer: StorableText.trim().min(1).max(LIMITS.note),
  })
  .strict();
export type IncidentCloseRequest = z.input<typeof IncidentCloseRequest>;

/** What became of one linked appeal when the incident closed. */
export const IncidentClosedAppeal = z.object({
  appealId: Uuid,
  statusBefore: z.string(),
  statusAfter: z.string(),
  /** False: it was already past the callback step (or closed) and was left as it was. */
  moved: z.boolean(),
});
export type IncidentClosedAppeal = z.infer<typeof IncidentClosedAppeal>;

/** The answer to every lead action and to a link: the incident as it now stands. */
export const IncidentActed = z.object({
  incident: Incident,
  /** The new incident a split made; the target of a merge. */
  other: Incident.nullable(),
  /** Close only: what became of each linked appeal. */
  appeals: z.array(IncidentClosedAppeal).optional(),
});
export type IncidentActed = z.infer<typeof IncidentActed>;

/**
 * Error codes besides the common ones (ApiError `error.code`): 404 `not_found`; 409
 * `stale_version` (another lead acted first: read it again), `incident_closed`, `already_linked`
 * (the appeal belongs to another open incident: the message names it), `not_in_incident` (split),
 * `split_all` (a split must leave at least one appeal), `same_incident` (merge into itself),
 * `group_mismatch` (merge of two category groups), `appeal_refused` (close: a lifecycle step of an
 * appeal was refused; nothing was changed); 400 `invalid_input` with `issues` naming the field.
 */
export const INCIDENT_ERROR_CODES = [
  'stale_version',
  'incident_closed',
  'already_linked',
  'not_in_incident',
  'split_all',
  'same_incident',
  'group_mismatch',
  'appeal_refused',
] as const;

// ---------------------------------------------------------------- live channel

/** What happened to the incident a live `incident.changed` message carries. */
export const IncidentChangeKind = z.enum([
  'detected',
  'grown',
  'linked',
  'confirmed',
  'merged',
  'split',
  'closed',
]);
export type IncidentChangeKind = z.infer<typeof IncidentChangeKind>;

/**
 * Live message (src/shared/softphone/live.ts `LiveServerMessage`), to every signed-in socket but
 * executors': `{ type: 'incident.changed', change, incident }`. Operators refresh their hints from
 * it; the lead's screen alerts on `detected`. No subscription needed.
 */
export const IncidentChangedMessage = z.object({
  type: z.literal('incident.changed'),
  change: IncidentChangeKind,
  incident: Incident,
});
export type IncidentChangedMessage = z.infer<typeof IncidentChangedMessage>;
