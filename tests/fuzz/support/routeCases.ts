// Requests for every route of the server, generated from the OpenAPI document the server serves
// (its request schemas come from the route table's zod schemas) and judged against those zod
// schemas: valid values, boundary values, hostile values at any path, raw bodies no serializer
// writes, hostile query strings and path parameters, from every kind of caller.
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { PushEnvelope } from '../../../src/server/sync/pushEnvelope';
import type { RouteSpec } from '../../../src/server/routes/routeTable';
import { localDateOf } from '../../../src/shared/domain/localDate';
import { workListIds } from '../../../src/shared/domain/worklists';
import { roles, type Role } from '../../../src/shared/sync/auth';
import { Mutation, MUTATION_ROLES, PushResponse } from '../../../src/shared/sync/protocol';
import { TEST_PASSWORD, usernameFor } from '../../integration/server/serverHarness';
import { FUZZ_PBX_TOKEN, type FuzzServer, type MintedSession } from './fuzzServer';
import { namesItsEntity } from './mutations';
import { hostileStrings, rawBodies, rawNumberLiterals, rawQueryValues, type Tagged } from './hostile';
import type { Answer, HttpCase, Verdict } from './httpCase';
import { fromSchema, hostileVariant, type Hint, type JsonSchema } from './schemaArbitrary';

export interface OpenApiOperation {
  'x-roles': 'public' | 'pbx' | Role[];
  parameters: { name: string; in: 'path' | 'query'; required: boolean; schema: JsonSchema }[];
  requestBody?: { content: { 'application/json': { schema: JsonSchema } } };
}
export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
}

export interface RouteFuzzContext {
  server: FuzzServer;
  doc: OpenApiDocument;
  /** Appeals that exist, so reads by id find something. */
  appealIds: string[];
  /** SIP accounts the server issued, so the PBX's HA1 look-up finds something. */
  sipUsernames: string[];
  /** Sessions to spend: logout ends one, refresh rotates one. */
  minted: Record<Role, MintedSession[]>;
  /** Bearer values that are not a live sign-in: expired, forged, revoked, malformed. */
  badBearers: Tagged<string>[];
  /** Each push's mutations get seqs never used before on their device. */
  nextSeq(): number;
}

type Identity =
  | { kind: 'anonymous' }
  | { kind: 'bad-bearer'; bearer: Tagged<string> }
  | { kind: 'role'; role: Role }
  | { kind: 'pbx' };

const identityLabel = (i: Identity) =>
  i.kind === 'role' ? i.role : i.kind === 'bad-bearer' ? `bearer:${i.bearer.label}` : i.kind;

const KNOWN_USERNAMES = [...Object.values(usernameFor), 'operator2', 'nobody', 'ADMIN', ' admin '];

/** The value the server reads from an encoded query string (URLSearchParams decodes like Fastify's parser). */
const readQuery = (qs: string): Record<string, string | string[]> => {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of new URLSearchParams(qs)) {
    const seen = out[k];
    out[k] = seen === undefined ? v : Array.isArray(seen) ? [...seen, v] : [seen, v];
  }
  return out;
};

/** Like encodeURIComponent, but writes a lone surrogate as the bytes a careless client sends. */
export function encodeLoose(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    out +=
      code >= 0xd800 && code <= 0xdfff
        ? `%ED%${(0xa0 | ((code >> 6) & 0x1f)).toString(16).toUpperCase()}%${(0x80 | (code & 0x3f)).toString(16).toUpperCase()}`
        : encodeURIComponent(ch);
  }
  return out;
}

function hintFor(ctx: RouteFuzzContext): Hint {
  const now = Date.now();
  const recent = fc.integer({ min: 0, max: 6 * 3_600_000 }).map((ago) => new Date(now - ago).toISOString());
  const today = localDateOf(new Date(now), 'Europe/Kyiv');
  const phone = fc.constantFrom('+380671234567', '0441234567', '+77011234567', '067 123 45 67');
  return (name, schema) => {
    if (schema.pattern || schema.enum || schema.const !== undefined || schema.format) return undefined;
    switch (name) {
      case 'createdAt':
      case 'updatedAt':
      case 'ringAt':
      case 'answeredAt':
      case 'endedAt':
      case 'until':
      case 'since':
      case 'from':
      case 'to':
        return recent;
      case 'receivedOn':
      case 'deadlineOn':
        return fc.constant(today);
      case 'phones':
      case 'phone':
      case 'localNumber':
      case 'remoteNumber':
      case 'transferTarget':
        return phone;
      case 'categoryId':
        return fc.constantFrom(...ctx.server.categories, 'cat-unknown');
      case 'executorId':
        return fc.constantFrom(...ctx.server.executors, 'exec-unknown');
      case 'username':
        return fc.oneof(
          fc.constantFrom(...KNOWN_USERNAMES, ...ctx.sipUsernames),
          fc.string({ maxLength: 20 }),
        );
      case 'password':
        return fc.oneof(fc.constant(TEST_PASSWORD), fc.string({ minLength: 1, maxLength: 20 }));
      case 'realm':
        return fc.constant(ctx.server.config.sip.domain);
      case 'iin':
      case 'email':
        return fc.constant('');
      case 'id':
      case 'operatorId':
        return fc.uuid();
      case 'sipCallId':
      case 'callId':
        return fc.stringMatching(/^[A-Za-z0-9]{8,40}@pbx\.test$/);
      default:
        return undefined;
    }
  };
}

const pick = <T>(items: readonly T[], n: number): T => items[n % items.length]!;

function identities(spec: RouteSpec, ctx: RouteFuzzContext): fc.Arbitrary<Identity> {
  const anyRole = fc.constantFrom(...roles).map((role): Identity => ({ kind: 'role', role }));
  const anonymous = fc.constant<Identity>({ kind: 'anonymous' });
  const bad = fc.constantFrom(...ctx.badBearers).map((bearer): Identity => ({ kind: 'bad-bearer', bearer }));
  const pbx = fc.constant<Identity>({ kind: 'pbx' });
  if (spec.access === 'public') {
    return fc.oneof(
      { weight: 4, arbitrary: anonymous },
      { weight: 5, arbitrary: anyRole },
      { weight: 1, arbitrary: bad },
    );
  }
  if (spec.access === 'pbx') {
    return fc.oneof(
      { weight: 16, arbitrary: pbx },
      { weight: 2, arbitrary: anonymous },
      { weight: 1, arbitrary: anyRole },
      { weight: 1, arbitrary: bad },
    );
  }
  const allowed = spec.access;
  const others = roles.filter((r) => !allowed.includes(r));
  return fc.oneof(
    { weight: 14, arbitrary: fc.constantFrom(...allowed).map((role): Identity => ({ kind: 'role', role })) },
    ...(others.length > 0
      ? [
          {
            weight: 2,
            arbitrary: fc.constantFrom(...others).map((role): Identity => ({ kind: 'role', role })),
          },
        ]
      : []),
    { weight: 2, arbitrary: anonymous },
    { weight: 1, arbitrary: bad },
    { weight: 1, arbitrary: pbx },
  );
}

/** The statuses the identity forces on this route, or undefined when it is let through. */
function forcedStatus(spec: RouteSpec, who: Identity): readonly number[] | undefined {
  if (spec.access === 'public') return undefined;
  if (spec.access === 'pbx') return who.kind === 'pbx' ? undefined : [401];
  if (who.kind !== 'role') return [401];
  return spec.access.includes(who.role) ? undefined : [403];
}

/** The body of a route's valid request, adjusted so it reaches past the checks it is not about. */
function fixBody(spec: RouteSpec, value: unknown, who: Identity, ctx: RouteFuzzContext, n: number): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  const body = { ...(value as Record<string, unknown>) };
  const role: Role = who.kind === 'role' ? who.role : pick(roles, n);
  switch (spec.url) {
    case '/api/v1/auth/login':
      if (n % 5 !== 0) body['username'] = pick(KNOWN_USERNAMES.slice(0, 5), n);
      if (n % 3 !== 0) body['password'] = TEST_PASSWORD;
      break;
    case '/api/v1/auth/refresh':
    case '/api/v1/auth/logout': {
      const pool = ctx.minted[role];
      if (n % 4 !== 0 && pool.length > 0) body['refreshToken'] = pool.pop()!.refreshToken;
      break;
    }
    case '/api/v1/sync/pull':
      body['deviceId'] = ctx.server.devices[role];
      if (n % 4 !== 0) body['cursor'] = null;
      break;
    case '/api/v1/sync/push': {
      body['deviceId'] = ctx.server.devices[role];
      if (n % 3 !== 0) body['acknowledgedSeq'] = null;
      const mutations = Array.isArray(body['mutations'])
        ? (body['mutations'] as Record<string, unknown>[])
        : [];
      body['mutations'] = mutations.slice(0, 12).map((m, i) => {
        if (m === null || typeof m !== 'object') return m;
        const createdAt = new Date().toISOString();
        if (m['type'] === 'appeal.transition' || m['type'] === 'appeal.amend') {
          // A change names an appeal by entityId alone: most often one that exists.
          const appealId =
            (n + i) % 3 === 0 || ctx.appealIds.length === 0 ? randomUUID() : pick(ctx.appealIds, n + i);
          return {
            ...m,
            mutationId: randomUUID(),
            seq: ctx.nextSeq(),
            authorId: ctx.server.users[role].id,
            entityId: appealId,
            createdAt,
          };
        }
        const payload = { ...((m['payload'] ?? {}) as Record<string, unknown>) };
        const id = randomUUID();
        if (m['type'] !== 'call.upsert' || n % 2 === 0) payload['id'] = id;
        if ('createdAt' in payload || m['type'] !== 'call.upsert') payload['createdAt'] = createdAt;
        if (m['type'] === 'call.upsert') payload['operatorId'] = ctx.server.users[role].id;
        return {
          ...m,
          mutationId: randomUUID(),
          seq: ctx.nextSeq(),
          authorId: ctx.server.users[role].id,
          entityId: payload['id'] ?? id,
          createdAt,
          payload,
        };
      });
      break;
    }
    default:
      break;
  }
  return body;
}

function fixQuery(spec: RouteSpec, value: Record<string, unknown>, n: number, ctx: RouteFuzzContext) {
  const q = { ...value };
  if (spec.url === '/api/v1/agents/history' && n % 4 !== 0) {
    const from = Date.now() - (n % 90) * 86_400_000;
    q['from'] = new Date(from).toISOString();
    q['to'] = new Date(from + ((n % 7) + 1) * 86_400_000).toISOString();
  }
  if (spec.url === '/api/v1/pbx/ha1' && n % 2 === 0 && ctx.sipUsernames.length > 0) {
    q['username'] = pick(ctx.sipUsernames, n);
    q['realm'] = ctx.server.config.sip.domain;
  }
  if (spec.url === '/api/v1/appeals' && n % 3 === 0) delete q['cursor'];
  return q;
}

/** What the route's zod schema makes of a body (as Fastify will parse it), when the tier can tell. */
function bodyVerdict(spec: RouteSpec, payload: string | Buffer | undefined, contentType?: string): Verdict {
  if (!spec.body) return 'unknown';
  // No body at all: what a route makes of none is its own (logout takes none).
  if (payload === undefined || payload.length === 0 || contentType === undefined) return 'unknown';
  const type = contentType.toLowerCase();
  if (!type.startsWith('application/json')) return 'rejects';
  if (Buffer.isBuffer(payload) || /charset=(?!"?utf-?8)/.test(type)) return 'unknown';
  let json: unknown;
  try {
    json = JSON.parse(payload.replace(/^\ufeff/, ''));
  } catch {
    return 'rejects';
  }
  if (spec.url === '/api/v1/auth/logout' && json === null) json = {};
  const schema = spec.url === '/api/v1/sync/push' ? PushEnvelope : spec.body;
  return schema.safeParse(json).success ? 'accepts' : 'rejects';
}

/** Push answered 200: every mutation has a result, and every one the schema refuses is rejected. */
function pushCheck(payload: string, role: Role, ctx: RouteFuzzContext) {
  return (a: Answer): string | null => {
    if (a.status !== 200) return a.status === 403 || a.status === 400 ? null : `push answered ${a.status}`;
    const parsed = PushResponse.safeParse(JSON.parse(a.body));
    if (!parsed.success) return 'push answer breaks PushResponse';
    const body = JSON.parse(payload) as { mutations: Record<string, unknown>[] };
    for (const m of body.mutations) {
      const result = parsed.data.results.find((r) => r.mutationId === m['mutationId'] && r.seq === m['seq']);
      if (!result) return `mutation ${String(m['mutationId'])} has no result`;
      const valid = Mutation.safeParse(m);
      const refusable =
        !valid.success ||
        m['authorId'] !== ctx.server.users[role].id ||
        !MUTATION_ROLES[valid.data.type].includes(role) ||
        !namesItsEntity(valid.data);
      if (refusable && result.status !== 'rejected')
        return `a mutation its schema refuses was ${result.status}`;
      if (result.status === 'rejected' && result.reason.message.length === 0)
        return 'rejected without a reason';
    }
    return null;
  };
}

/** Route-specific answers to a request the schema accepts from a caller let through. */
function acceptedCheck(
  spec: RouteSpec,
  who: Identity,
  url: string,
): ((a: Answer) => string | null) | undefined {
  const expect =
    (...statuses: number[]) =>
    (a: Answer) =>
      statuses.includes(a.status) ? null : `expected ${statuses.join(' or ')} for a valid request`;
  switch (spec.url) {
    case '/healthz':
    case '/api/v1/openapi.json':
    case '/api/v1/auth/me':
    case '/api/v1/agents':
    case '/api/v1/agents/history':
    case '/metrics':
      return expect(200);
    case '/api/v1/appeals/:id':
    case '/api/v1/appeals/:id/history':
      return expect(200, 404);
    case '/api/v1/pbx/ha1':
      return expect(200, 404);
    case '/api/v1/pbx/route':
      // 202 and 410 are the call queue's answers (with boot, ctl, tindex and tlabel), 486 the old ones.
      return expect(200, 202, 410, 486);
    case '/api/v1/pbx/queue/event':
      return expect(204);
    case '/api/v1/sip/credentials':
      return who.kind === 'role' ? expect(200) : undefined;
    case '/api/v1/appeals':
      // A cursor the server never issued may be refused; without one a valid filter lists.
      return /[?&]cursor=/.test(url) ? expect(200, 400) : expect(200);
    case '/api/v1/worklists/:list':
      // The list may be another role's; a cursor the server never issued may be refused.
      return /[?&]cursor=/.test(url) ? expect(200, 400, 403) : expect(200, 403);
    case '/api/v1/backlog':
    case '/api/v1/executors':
      return expect(200);
    case '/api/v1/appeals/:id/transitions':
    case '/api/v1/appeals/:id/amendments':
      // Applied, or refused with its code: not this role's step, not now, stale, not acceptable.
      return expect(200, 403, 404, 409, 422);
    case '/api/v1/executors/:id/contacts':
      return expect(200, 404);
    default:
      return undefined;
  }
}

/** A sign-in with a known account and its password is let in. */
function loginCheck(spec: RouteSpec, payload: string | Buffer | undefined) {
  if (spec.url !== '/api/v1/auth/login' || payload === undefined) return undefined;
  const body = JSON.parse(String(payload)) as { username?: unknown; password?: unknown };
  const known = (Object.values(usernameFor) as unknown[]).includes(body.username);
  if (!known || body.password !== TEST_PASSWORD) return undefined;
  return (a: Answer) => (a.status === 200 ? null : 'expected 200 for a right username and password');
}

const GET_BODY_RATE = 0.05;

function authHeaders(who: Identity, ctx: RouteFuzzContext, spec: RouteSpec): Record<string, string> {
  switch (who.kind) {
    case 'anonymous':
      return {};
    case 'bad-bearer':
      return { authorization: who.bearer.value };
    case 'pbx':
      return { authorization: `Bearer ${FUZZ_PBX_TOKEN}` };
    case 'role': {
      // Logout ends the sign-in it is made with: it spends a minted one, never the role's own.
      if (spec.url === '/api/v1/auth/logout') {
        const session = ctx.minted[who.role].pop();
        if (!session) throw new Error(`no minted session of ${who.role} left for logout: mint more`);
        return { authorization: `Bearer ${session.accessToken}` };
      }
      return { authorization: `Bearer ${ctx.server.sessions[who.role].accessToken}` };
    }
  }
}

type Input =
  | { kind: 'json'; label: string; value: unknown }
  | { kind: 'raw'; label: string; payload: string | Buffer; contentType?: string }
  | { kind: 'none'; label: string };

function bodyInputs(
  spec: RouteSpec,
  schema: JsonSchema | undefined,
  ctx: RouteFuzzContext,
): fc.Arbitrary<{ input: Input; n: number; who: Identity }> {
  const hint = hintFor(ctx);
  const base = schema ? fromSchema(schema, { hint }) : fc.jsonValue({ maxDepth: 2 });
  const boundary = schema ? fromSchema(schema, { hint, boundaryRate: 0.3 }) : fc.jsonValue({ maxDepth: 3 });
  const keep = spec.url === '/api/v1/sync/push' || spec.url === '/api/v1/sync/pull' ? ['deviceId'] : [];
  return fc
    .tuple(identities(spec, ctx), fc.nat(), fc.nat({ max: 99 }), base, boundary, fc.nat())
    .chain(([who, n, kind, valid, edge, k]) => {
      const fixed = (v: unknown) => fixBody(spec, v, who, ctx, n);
      if (!schema && kind < 25)
        return fc.constant({ who, n, input: { kind: 'none', label: 'valid' } as Input });
      if (kind < 25)
        return fc.constant({ who, n, input: { kind: 'json', label: 'valid', value: fixed(valid) } as Input });
      if (kind < 45)
        return fc.constant({
          who,
          n,
          input: { kind: 'json', label: 'boundary', value: fixed(edge) } as Input,
        });
      if (kind < 80) {
        return hostileVariant(fc.constant(fixed(valid)), n % 4 === 0 ? [] : keep).map((h) => ({
          who,
          n,
          input: { kind: 'json', label: h.label, value: h.value } as Input,
        }));
      }
      if (kind < 86) {
        // Duplicate keys: the last one wins in JSON.parse; the first is what a careless check reads.
        const value = fixed(valid);
        const text = JSON.stringify(value) ?? 'null';
        const keys = value !== null && typeof value === 'object' ? Object.keys(value) : [];
        const key = keys.length > 0 ? pick(keys, k) : 'x';
        const dup = pick(hostileStrings, k);
        const payload =
          text.startsWith('{') && text.length > 2
            ? `${text.slice(0, -1)},${JSON.stringify(key)}:${JSON.stringify(dup.value)}}`
            : text;
        return fc.constant({
          who,
          n,
          input: {
            kind: 'raw',
            label: `raw:duplicate-key-${dup.label}@${key}`,
            payload,
            contentType: 'application/json',
          } as Input,
        });
      }
      if (kind < 90) {
        const literal = pick(rawNumberLiterals, k);
        const text = JSON.stringify(fixed(valid)) ?? 'null';
        const payload = text.replace(/(?<=[:[,])-?\d+(\.\d+)?([eE][+-]?\d+)?(?=[,}\]])/, literal.value);
        return fc.constant({
          who,
          n,
          input: {
            kind: 'raw',
            label: `raw:${literal.label}`,
            payload,
            contentType: 'application/json',
          } as Input,
        });
      }
      const raw = pick(rawBodies, k);
      return fc.constant({
        who,
        n,
        input: {
          kind: 'raw',
          label: `raw:${raw.label}`,
          payload: raw.value.payload,
          ...(raw.value.contentType ? { contentType: raw.value.contentType } : {}),
        } as Input,
      });
    });
}

function queryInputs(spec: RouteSpec, op: OpenApiOperation, ctx: RouteFuzzContext) {
  const params = op.parameters.filter((p) => p.in === 'query');
  const objectSchema: JsonSchema = {
    type: 'object',
    properties: Object.fromEntries(params.map((p) => [p.name, p.schema])),
    required: params.filter((p) => p.required).map((p) => p.name),
  };
  const hint = hintFor(ctx);
  const names = [...params.map((p) => p.name), 'x', 'limit'];
  return fc
    .tuple(
      identities(spec, ctx),
      fc.nat(),
      fc.nat({ max: 99 }),
      fromSchema(objectSchema, { hint }),
      fromSchema(objectSchema, { hint, boundaryRate: 0.3 }),
      fc.nat(),
      fc.nat(),
    )
    .chain(([who, n, kind, valid, edge, k, j]) => {
      const fixed = fixQuery(spec, valid as Record<string, unknown>, n, ctx);
      const encode = (q: Record<string, unknown>) =>
        Object.entries(q)
          .filter(([, v]) => v !== undefined)
          .map(
            ([key, v]) =>
              `${encodeLoose(key)}=${encodeLoose(typeof v === 'string' ? v : (JSON.stringify(v) ?? ''))}`,
          )
          .join('&');
      const done = (label: string, qs: string, known: boolean) => fc.constant({ who, n, label, qs, known });
      if (kind < 25) return done('valid', encode(fixed), true);
      if (kind < 45)
        return done('boundary', encode(fixQuery(spec, edge as Record<string, unknown>, n, ctx)), true);
      if (kind < 75) {
        return hostileVariant(fc.constant(fixed)).map((h) => {
          const q =
            h.value !== null && typeof h.value === 'object' && !Array.isArray(h.value)
              ? (h.value as Record<string, unknown>)
              : { q: h.value };
          return { who, n, label: h.label, qs: encode(q), known: true };
        });
      }
      // A raw value, as it goes on the wire, in one parameter (or a repeated one).
      const raw = pick(rawQueryValues, k);
      const name = pick(names, j);
      const rest = encode(Object.fromEntries(Object.entries(fixed).filter(([key]) => key !== name)));
      const repeated = kind >= 92 ? `&${encodeLoose(name)}=${encodeLoose(String(fixed[name] ?? 'x'))}` : '';
      return done(
        `raw-query:${raw.label}${repeated ? '+repeated' : ''}@${name}`,
        `${rest}${rest ? '&' : ''}${encodeLoose(name)}=${raw.value}${repeated}`,
        false,
      );
    });
}

function pathInputs(spec: RouteSpec, ctx: RouteFuzzContext) {
  const id = fc.oneof(
    {
      weight: 3,
      arbitrary: fc
        .constantFrom(...(ctx.appealIds.length > 0 ? ctx.appealIds : [randomUUID()]))
        .map((v) => ({ label: 'valid:existing', v })),
    },
    { weight: 2, arbitrary: fc.uuid().map((v) => ({ label: 'valid:unknown', v })) },
    { weight: 1, arbitrary: fc.uuid().map((v) => ({ label: 'boundary:upper-case', v: v.toUpperCase() })) },
    {
      weight: 4,
      arbitrary: fc.constantFrom(...hostileStrings).map((h) => ({ label: `hostile:${h.label}`, v: h.value })),
    },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom('%00', '%ZZ', '%ED%A0%80', '..%2F..%2Fetc', '%2F', 'a?b=c', '%25')
        .map((raw) => ({ label: `raw-path:${raw}`, v: raw, raw: true })),
    },
  );
  return fc.tuple(identities(spec, ctx), fc.nat(), id).map(([who, n, choice]) => ({ who, n, choice }));
}

/** A body route's URL: its `:id` an appeal or an executor that exists (most often) or a made-up one. */
function bodyRouteUrl(spec: RouteSpec, ctx: RouteFuzzContext, n: number): string {
  if (!spec.url.includes(':id')) return spec.url;
  const known = spec.url.startsWith('/api/v1/executors/') ? ctx.server.executors : ctx.appealIds;
  const id = n % 5 === 0 || known.length === 0 ? randomUUID() : pick(known, n);
  return spec.url.replace(':id', encodeURIComponent(id));
}

/** The arbitrary of requests for one route of the table. */
export function routeCases(spec: RouteSpec, ctx: RouteFuzzContext): fc.Arbitrary<HttpCase> {
  const path = spec.url.replace(/:(\w+)/g, '{$1}');
  const op = ctx.doc.paths[path]?.[spec.method.toLowerCase()];
  if (!op) throw new Error(`${spec.method} ${spec.url} is missing from the OpenAPI document`);
  const target = `${spec.method} ${spec.url}`;

  if (spec.method === 'POST' || spec.method === 'PUT') {
    const method = spec.method;
    const schema = op.requestBody?.content['application/json'].schema;
    return bodyInputs(spec, schema, ctx).map(({ input, who, n }): HttpCase => {
      const headers = authHeaders(who, ctx, spec);
      let payload: string | Buffer | undefined;
      let contentType: string | undefined;
      if (input.kind === 'json') {
        payload = JSON.stringify(input.value) ?? 'null';
        contentType = 'application/json';
      } else if (input.kind === 'raw') {
        payload = input.payload;
        contentType = input.contentType;
      }
      if (contentType) headers['content-type'] = contentType;
      const forced = forcedStatus(spec, who);
      const verdict = bodyVerdict(spec, payload, contentType);
      const role = who.kind === 'role' ? who.role : null;
      let check: HttpCase['check'];
      if (!forced && spec.url === '/api/v1/sync/push' && role && verdict === 'accepts')
        check = pushCheck(String(payload), role, ctx);
      else if (!forced && verdict === 'accepts' && input.label === 'valid')
        check = acceptedCheck(spec, who, spec.url) ?? loginCheck(spec, payload);
      if (!forced && spec.url === '/api/v1/sip/credentials' && input.kind === 'none')
        check = acceptedCheck(spec, who, spec.url);
      return {
        target,
        label: `${input.label} as ${identityLabel(who)}`,
        method,
        url: bodyRouteUrl(spec, ctx, n),
        headers,
        ...(payload === undefined ? {} : { payload }),
        ...(forced ? { expectStatus: forced } : {}),
        verdict,
        ...(check ? { check } : {}),
      };
    });
  }

  if (spec.params && !spec.query) {
    return pathInputs(spec, ctx).map(({ who, choice }): HttpCase => {
      const raw = 'raw' in choice;
      const segment = raw ? choice.v : encodeLoose(choice.v);
      const url = spec.url.replace(':id', segment);
      const forced = forcedStatus(spec, who);
      const verdict: Verdict = raw
        ? 'unknown'
        : spec.params!.safeParse({ id: choice.v }).success
          ? 'accepts'
          : 'rejects';
      // A path the router cannot decode is refused before anyone is asked who is calling.
      const expectStatus = forced && (raw || verdict === 'rejects') ? [...forced, 400, 404, 414] : forced;
      const check = !forced && verdict === 'accepts' ? acceptedCheck(spec, who, url) : undefined;
      return {
        target,
        label: `${choice.label} as ${identityLabel(who)}`,
        method: 'GET',
        url,
        headers: authHeaders(who, ctx, spec),
        ...(expectStatus ? { expectStatus } : {}),
        verdict,
        ...(check ? { check } : {}),
      };
    });
  }

  return fc
    .tuple(
      queryInputs(spec, op, ctx),
      fc.double({ min: 0, max: 1, noNaN: true }),
      fc.constantFrom(...rawBodies),
      fc.nat(),
    )
    .map(([{ who, label, qs, known }, r, body, n]): HttpCase => {
      // A path parameter beside a query (the work list's name): one of the lists, a role's or not.
      const path = spec.url.replace(':list', pick(workListIds, n));
      const url = qs ? `${path}?${qs}` : path;
      const forced = forcedStatus(spec, who);
      let verdict: Verdict = 'unknown';
      if (spec.query && known) verdict = spec.query.safeParse(readQuery(qs)).success ? 'accepts' : 'rejects';
      if (!spec.query && known) verdict = 'unknown';
      const headers = authHeaders(who, ctx, spec);
      const withBody = r < GET_BODY_RATE;
      if (withBody && body.value.contentType) headers['content-type'] = body.value.contentType;
      const check =
        !forced && !withBody && label === 'valid' && (spec.query ? verdict === 'accepts' : true)
          ? acceptedCheck(spec, who, url)
          : undefined;
      return {
        target,
        label: `${label}${withBody ? `+body:${body.label}` : ''} as ${identityLabel(who)}`,
        method: 'GET',
        url,
        headers,
        ...(withBody ? { payload: body.value.payload } : {}),
        ...(forced ? { expectStatus: forced } : {}),
        verdict,
        ...(check ? { check } : {}),
      };
    });
}
