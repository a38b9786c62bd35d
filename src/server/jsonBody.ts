// JSON bodies with a bounded size, nesting depth and number of values, checked while the body
// arrives. JSON.parse of a few megabytes of `[[[[...` builds millions of nested arrays: seconds of
// CPU, hundreds of megabytes that stay with the process, and a stack overflow in whatever walks the
// result next; a few megabytes of `{},{},` builds almost as many objects. No request of this API
// nests deeper than a handful of levels or holds more than some tens of thousands of values, so
// the bytes are scanned as they come in and a body that passes a limit is refused at that byte:
// the rest is never buffered, and a hostile body costs the server almost nothing.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HttpError } from './errors';

/** Far above any body this API takes (an appeal push is 6 levels deep). */
export const MAX_JSON_DEPTH = 32;
/**
 * Arrays, objects and separators counted together: a full push of 200 appeals with every phone
 * and attachment slot used holds about 30,000; anything far past that is not a workstation's.
 */
export const MAX_JSON_VALUES = 100_000;

/**
 * The structure of JSON text fed in chunks of UTF-8 bytes. Every byte JSON gives a meaning to is
 * ASCII, and no byte of a multi-byte character is below 0x80, so bytes can be scanned as they are.
 */
export class JsonScanner {
  depth = 0;
  deepest = 0;
  values = 0;
  private inString = false;
  private escaped = false;

  constructor(
    private readonly depthLimit = MAX_JSON_DEPTH,
    private readonly valueLimit = MAX_JSON_VALUES,
  ) {}

  /** Scans a chunk; returns the limit it passed, or null. */
  feed(chunk: Uint8Array): 'too_deep' | 'too_many_values' | null {
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk[i]!;
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === 0x5c) this.escaped = true;
        else if (c === 0x22) this.inString = false;
      } else if (c === 0x22) this.inString = true;
      else if (c === 0x5b || c === 0x7b) {
        if (++this.depth > this.depthLimit) return 'too_deep';
        if (this.depth > this.deepest) this.deepest = this.depth;
        if (++this.values > this.valueLimit) return 'too_many_values';
      } else if (c === 0x5d || c === 0x7d) this.depth--;
      else if (c === 0x2c && ++this.values > this.valueLimit) return 'too_many_values';
    }
    return null;
  }
}

const refusal = (request: FastifyRequest, code: 'too_deep' | 'too_many_values' | 'too_large'): HttpError =>
  code === 'too_deep'
    ? new HttpError(400, code, `The JSON body nests deeper than ${MAX_JSON_DEPTH} levels`)
    : code === 'too_many_values'
      ? new HttpError(400, code, `The JSON body holds more than ${MAX_JSON_VALUES} values`)
      : new HttpError(
          413,
          code,
          `The request body is larger than the limit of ${request.routeOptions.bodyLimit ?? 0} bytes`,
        );

/**
 * Replaces Fastify's JSON body reading: the body is scanned chunk by chunk and refused at the first
 * byte past the route's size limit (413 `too_large`), MAX_JSON_DEPTH (400 `too_deep`) or
 * MAX_JSON_VALUES (400 `too_many_values`); a body within them goes to Fastify's own parser, which
 * also refuses `__proto__` and `constructor` poisoning.
 */
export function useBoundedJson(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', (request, payload, done) => {
    const limit = request.routeOptions.bodyLimit ?? app.initialConfig.bodyLimit ?? 1024 * 1024;
    const declared = Number(request.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      payload.resume();
      done(refusal(request, 'too_large'), undefined);
      return;
    }
    const scanner = new JsonScanner();
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const refuse = (error: Error) => {
      if (settled) return;
      settled = true;
      // The rest of the body is read and dropped, never kept.
      payload.removeAllListeners('data');
      payload.resume();
      done(error, undefined);
    };
    payload.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) return refuse(refusal(request, 'too_large'));
      const passed = scanner.feed(chunk);
      if (passed) return refuse(refusal(request, passed));
      chunks.push(chunk);
    });
    payload.on('error', refuse);
    payload.on('end', () => {
      if (settled) return;
      settled = true;
      parse(request, Buffer.concat(chunks, size).toString('utf8'), done);
    });
  });
}
