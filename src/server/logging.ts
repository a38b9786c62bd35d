// Structured logs without personal data or secrets: request lines carry the path only (a query
// string can hold a searched name), and known fields are censored wherever they appear.
import type { FastifyRequest } from 'fastify';
import type { LoggerOptions } from 'pino';

const SENSITIVE = [
  'password',
  'refreshToken',
  'accessToken',
  'token',
  'authorization',
  'cookie',
  'applicant',
  'fullName',
  'name',
  'phone',
  'phones',
  'email',
  'iin',
  'address',
  'essence',
  'text',
  'question',
  'answer',
  'payload',
  'record',
  'body',
];

export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-metrics-token"]',
  ...SENSITIVE,
  ...SENSITIVE.map((key) => `*.${key}`),
  ...SENSITIVE.map((key) => `*.*.${key}`),
];

export function loggerOptions(level = process.env['LOG_LEVEL'] ?? 'info'): LoggerOptions {
  return {
    level,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    serializers: {
      req: (req: FastifyRequest) => ({
        id: req.id,
        method: req.method,
        // Cut short: a hostile path of 100 KB must not become a 100 KB log line.
        path: req.url.split('?')[0]!.slice(0, 200),
      }),
    },
  };
}
