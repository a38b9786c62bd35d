// Every error answer is an ApiError body (src/shared/sync/auth.ts): a stable code and a message a
// person can act on; validation failures name the field.
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ZodError } from 'zod';
import type { ApiError } from '../shared/sync/auth';

type Issue = NonNullable<ApiError['error']['issues']>[number];

export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
    readonly issues?: Issue[],
  ) {
    super(message);
  }
}

export const unauthorized = (message = 'Sign in first: the access token is missing, invalid or expired') =>
  new HttpError(401, 'unauthorized', message);
export const forbidden = (message = 'Your role does not allow this') =>
  new HttpError(403, 'forbidden', message);
export const notFound = (message: string) => new HttpError(404, 'not_found', message);

export function zodIssues(error: ZodError): Issue[] {
  return error.issues.flatMap((issue): Issue[] => {
    const path = issue.path.map(String).join('.');
    // An unknown field is reported once per key, so each names its field.
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        path: path ? `${path}.${key}` : key,
        code: 'unknown_field',
        message: `Unknown field "${key}"`,
      }));
    }
    return [{ path, code: issue.code, message: issue.message }];
  });
}

const body = (code: string, message: string, issues?: Issue[]): ApiError => ({
  error: issues ? { code, message, issues } : { code, message },
});

// Fastify's own client errors (bad JSON, body too large, wrong content type) keep their status.
const FASTIFY_CODES: Record<string, string> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid_input',
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'invalid_input',
};

export function errorHandler(
  error: FastifyError | Error,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  if (error instanceof HttpError) {
    void reply
      .code(error.statusCode)
      .headers(error.headers)
      .send(body(error.code, error.message, error.issues));
    return;
  }
  if (error instanceof ZodError) {
    const issues = zodIssues(error);
    const fields = [...new Set(issues.map((i) => i.path || '(body)'))].join(', ');
    void reply.code(400).send(body('invalid_input', `Invalid input: ${fields}`, issues));
    return;
  }
  const status = (error as FastifyError).statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const fastifyCode = (error as FastifyError).code;
    const code = FASTIFY_CODES[fastifyCode] ?? 'invalid_input';
    const message =
      code === 'too_large'
        ? `The request body is larger than the limit of ${request.routeOptions.bodyLimit ?? 0} bytes`
        : code === 'invalid_json'
          ? `The body is not valid JSON: ${error.message}`
          : error.message;
    void reply.code(status).send(body(code, message));
    return;
  }
  // A bug or an unreachable database: logged without the request body, and without the values a
  // message may quote (a database error names the value it refused: a name, a phone).
  request.log.error({ err: loggableError(error) }, 'request failed');
  void reply
    .code(500)
    .send(body('internal', 'Internal server error; the request id is in the x-request-id header'));
}

export function notFoundHandler(request: FastifyRequest, reply: FastifyReply): void {
  void reply.code(404).send(body('not_found', `No route ${request.method} ${request.url.split('?')[0]}`));
}

const MAX_LOGGED_MESSAGE = 200;

/**
 * What a log may keep of an unexpected error. A PostgreSQL error (it has a SQLSTATE and a
 * severity) keeps its code and routine only: its message and detail quote the refused value.
 * Any other message loses what it quotes and is cut short.
 */
export function loggableError(error: Error): Record<string, unknown> {
  const e = error as Error & { code?: unknown; severity?: unknown; routine?: unknown };
  if (typeof e.severity === 'string' && typeof e.code === 'string') {
    return { type: 'DatabaseError', code: e.code, routine: e.routine };
  }
  const message = error.message.replace(/"[^"]*"|'[^']*'|`[^`]*`/g, '"…"').slice(0, MAX_LOGGED_MESSAGE);
  return { type: error.name, message, code: e.code };
}
