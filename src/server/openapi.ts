// OpenAPI 3.1 from the route table and its zod schemas (zod 4's JSON Schema output is 2020-12,
// which OpenAPI 3.1 uses as is).
import { z } from 'zod';
import { ApiError } from '../shared/sync/auth';
import { routeTable, type RouteSpec } from './routes/routeTable';

const schema = (s: z.ZodType, io: 'input' | 'output') => {
  const json = z.toJSONSchema(s, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  delete json['$schema'];
  return json;
};

function parameters(spec: RouteSpec) {
  const list: unknown[] = [];
  for (const [where, s] of [
    ['path', spec.params],
    ['query', spec.query],
    ['header', spec.headers],
  ] as const) {
    if (!s) continue;
    const json = schema(s, 'input') as { properties?: Record<string, unknown>; required?: string[] };
    for (const [name, property] of Object.entries(json.properties ?? {})) {
      list.push({
        name,
        in: where,
        required: where === 'path' || (json.required ?? []).includes(name),
        schema: property,
      });
    }
  }
  return list;
}

export function openApiDocument(version = '0.1.0') {
  const errorBody = { content: { 'application/json': { schema: schema(ApiError, 'output') } } };
  const paths: Record<string, Record<string, unknown>> = {};
  for (const spec of routeTable) {
    const path = spec.url.replace(/:(\w+)/g, '{$1}');
    const isPublic = spec.access === 'public';
    const isPbx = spec.access === 'pbx';
    const roles = spec.access === 'public' || spec.access === 'pbx' ? [] : [...spec.access];
    const responses: Record<string, unknown> = {
      '200': spec.response
        ? { description: 'OK', content: { 'application/json': { schema: schema(spec.response, 'output') } } }
        : { description: 'OK' },
      '400': { description: 'Invalid input; `issues` name the fields', ...errorBody },
    };
    if (isPbx) {
      responses['401'] = { description: 'Not the PBX token', ...errorBody };
    } else if (!isPublic) {
      responses['401'] = { description: 'Not signed in', ...errorBody };
      responses['403'] = { description: `Role not one of: ${roles.join(', ')}`, ...errorBody };
    }
    for (const [status, description] of Object.entries(spec.answers ?? {})) {
      const general = (responses[status] as { description?: string } | undefined)?.description;
      responses[status] = { description: general ? `${general}; ${description}` : description, ...errorBody };
    }
    (paths[path] ??= {})[spec.method.toLowerCase()] = {
      summary: spec.summary,
      'x-roles': isPublic ? 'public' : isPbx ? 'pbx' : roles,
      ...(isPublic ? { security: [] } : isPbx ? { security: [{ pbx: [] }] } : {}),
      parameters: parameters(spec),
      ...(spec.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: schema(spec.body, 'input') } },
            },
          }
        : {}),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Appeals central server', version },
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer' },
        pbx: { type: 'http', scheme: 'bearer', description: 'The PBX token (PBX_TOKEN or .data/pbx-token)' },
      },
    },
    security: [{ bearer: [] }],
    paths,
  };
}
