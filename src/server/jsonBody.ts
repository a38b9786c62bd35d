// JSON bodies with a bounded nesting depth. JSON.parse of a few megabytes of `[[[[...` builds
// millions of nested arrays: seconds of CPU, hundreds of megabytes that stay with the process, and
// a stack overflow in whatever walks the result next. No request of this API nests deeper than a
// handful of levels, so a body that does is refused before it is parsed, in one linear scan.
import type { FastifyInstance } from 'fastify';
import { HttpError } from './errors';

/** Far above any body this API takes (an appeal push is 6 levels deep). */
export const MAX_JSON_DEPTH = 32;

/** The deepest nesting of arrays and objects in JSON text, or Infinity once past `limit`. */
export function jsonDepth(text: string, limit = MAX_JSON_DEPTH): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i++; // backslash: the next character is escaped
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > limit) return Infinity;
      if (depth > deepest) deepest = depth;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return deepest;
}

/**
 * Fastify's own JSON parser (which also refuses `__proto__` and `constructor` poisoning), behind a
 * depth check: a body nesting deeper than MAX_JSON_DEPTH is refused (400 `too_deep`) unparsed.
 */
export function useBoundedJson(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (jsonDepth(body as string) === Infinity) {
      done(
        new HttpError(400, 'too_deep', `The JSON body nests deeper than ${MAX_JSON_DEPTH} levels`),
        undefined,
      );
      return;
    }
    parse(request, body as string, done);
  });
}
