// JSON bodies with a bounded nesting depth and number of values. JSON.parse of a few megabytes of
// `[[[[...` builds millions of nested arrays: seconds of CPU, hundreds of megabytes that stay with
// the process, and a stack overflow in whatever walks the result next; a few megabytes of `{},{},`
// as shallow builds almost as many objects. No request of this API nests deeper than a handful of
// levels or holds more than some tens of thousands of values, so a body that does is refused before
// it is parsed, in one linear scan.
import type { FastifyInstance } from 'fastify';
import { HttpError } from './errors';

/** Far above any body this API takes (an appeal push is 6 levels deep). */
export const MAX_JSON_DEPTH = 32;
/**
 * Arrays, objects and separators counted together: a full push of 200 appeals with every phone
 * and attachment slot used holds about 30,000; anything far past that is not a workstation's.
 */
export const MAX_JSON_VALUES = 100_000;

interface JsonShape {
  /** The deepest nesting of arrays and objects; Infinity once past the limit. */
  depth: number;
  /** Containers and separators; Infinity once past the limit. */
  values: number;
}

/** One pass over JSON text, outside strings; stops as soon as a limit is passed. */
function scanJson(text: string, depthLimit: number, valueLimit: number): JsonShape {
  let depth = 0;
  let deepest = 0;
  let values = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: the next character is escaped
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > depthLimit) return { depth: Infinity, values };
      if (depth > deepest) deepest = depth;
      if (++values > valueLimit) return { depth: deepest, values: Infinity };
    } else if (c === 0x5d || c === 0x7d) depth--;
    else if (c === 0x2c && ++values > valueLimit) return { depth: deepest, values: Infinity };
  }
  return { depth: deepest, values };
}

/** The deepest nesting of arrays and objects in JSON text, or Infinity once past `limit`. */
export function jsonDepth(text: string, limit = MAX_JSON_DEPTH): number {
  return scanJson(text, limit, Infinity).depth;
}

/**
 * Fastify's own JSON parser (which also refuses `__proto__` and `constructor` poisoning), behind the
 * scan: a body nesting deeper than MAX_JSON_DEPTH (400 `too_deep`) or holding more than
 * MAX_JSON_VALUES values (400 `too_many_values`) is refused unparsed.
 */
export function useBoundedJson(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const shape = scanJson(body as string, MAX_JSON_DEPTH, MAX_JSON_VALUES);
    if (shape.depth === Infinity) {
      done(
        new HttpError(400, 'too_deep', `The JSON body nests deeper than ${MAX_JSON_DEPTH} levels`),
        undefined,
      );
      return;
    }
    if (shape.values === Infinity) {
      done(
        new HttpError(400, 'too_many_values', `The JSON body holds more than ${MAX_JSON_VALUES} values`),
        undefined,
      );
      return;
    }
    parse(request, body as string, done);
  });
}
