// The single validation path between a transport (Electron IPC, the web host's WebSocket) and the
// services: every call is checked against the contract here, and only here, so both hosts accept
// and refuse the same inputs with the same errors. The handlers trust what they receive (typed
// ParsedInput); code calling them in-process passes parsed input (tests: ipc/test/parsedHandlers.ts).
import { pino, type Logger } from 'pino';
import type { CallContext, Handlers } from '../../shared/ipc/api';
import { contract, MAX_MESSAGE_BYTES, type Channel, type ParsedInput } from '../../shared/ipc/contract';
import { fieldIssues } from '../../shared/domain/validation';
import { fail, ok, type Result } from '../../shared/result';

export type Dispatch = (channel: unknown, input: unknown, ctx: CallContext) => Promise<Result<unknown>>;

export type DispatchLogger = Pick<Logger, 'error' | 'warn'>;

export interface DispatcherOptions {
  /** Receives failures with the channel and sender only, never the input (it holds personal data). */
  logger?: DispatchLogger;
  /** Checks every successful output against the contract; on in development and tests. */
  validateOutput?: boolean;
  maxMessageBytes?: number;
}

type AnyHandler = (input: unknown, ctx: CallContext) => Promise<Result<unknown>> | Result<unknown>;

const NAME_ECHO_LIMIT = 64;

export const isChannel = (value: unknown): value is Channel =>
  typeof value === 'string' && Object.hasOwn(contract, value);

function describeChannel(value: unknown): string {
  if (typeof value !== 'string')
    return `a ${value === null ? 'null' : typeof value} instead of a channel name`;
  const shown = value.length > NAME_ECHO_LIMIT ? `${value.slice(0, NAME_ECHO_LIMIT)}...` : value;
  return `"${shown}"`;
}

/** Size of the input as it would travel as JSON; `null` when it cannot be serialised at all. */
function serializedBytes(input: unknown): number | null {
  try {
    const json = JSON.stringify(input);
    return json === undefined ? 0 : Buffer.byteLength(json, 'utf8');
  } catch {
    return null;
  }
}

function isResult(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  return value.ok === true ? 'value' in value : value.ok === false && 'error' in value;
}

/**
 * The input of `channel` as the handlers receive it (the contract's zod schema: defaults filled in,
 * phones normalised), or why it is refused: not JSON data, over the size limit (`too_large`, checked
 * before parsing), or not the contract's shape (`invalid_input` with field issues).
 */
export function parseInput<C extends Channel>(
  channel: C,
  rawInput: unknown,
  maxBytes = MAX_MESSAGE_BYTES,
): Result<ParsedInput<C>> {
  // `window.api.app.info()` sends no argument; the contract's empty inputs are objects.
  const input = rawInput === undefined ? {} : rawInput;
  const bytes = serializedBytes(input);
  if (bytes === null) return fail('invalid_input', `Input for ${channel} is not plain JSON data`);
  if (bytes > maxBytes) {
    const message = `Input for ${channel} is ${bytes} bytes; the limit is ${maxBytes} bytes`;
    return fail('too_large', message, [{ path: '', code: 'too_large', message }]);
  }
  const parsed = contract[channel].input.safeParse(input);
  if (!parsed.success) {
    const issues = fieldIssues(parsed.error, input);
    const first = issues[0];
    const where = first ? `${first.path === '' ? 'input' : first.path}: ${first.message}` : 'input';
    return fail('invalid_input', `Invalid input for ${channel}: ${where}`, issues);
  }
  return ok(parsed.data as ParsedInput<C>);
}

export function createDispatcher(handlers: Handlers, options: DispatcherOptions = {}): Dispatch {
  const logger = options.logger ?? pino({ name: 'ipc' });
  const validateOutput = options.validateOutput ?? process.env.NODE_ENV !== 'production';
  const maxBytes = options.maxMessageBytes ?? MAX_MESSAGE_BYTES;

  return async (channel, rawInput, ctx) => {
    if (!isChannel(channel)) return fail('invalid_input', `Unknown channel ${describeChannel(channel)}`);

    const parsed = parseInput(channel, rawInput, maxBytes);
    if (!parsed.ok) return parsed;

    let result: unknown;
    try {
      result = await (handlers[channel] as AnyHandler)(parsed.value, ctx);
    } catch (err) {
      logger.error({ channel, senderId: ctx.senderId, err }, 'handler threw');
      return fail('internal', `Internal error in ${channel}; the details are in the log`);
    }

    if (!isResult(result)) {
      logger.error({ channel, senderId: ctx.senderId }, 'handler returned something other than a Result');
      return fail('internal', `Internal error in ${channel}; the details are in the log`);
    }
    if (validateOutput && result.ok) {
      const checked = contract[channel].output.safeParse(result.value);
      if (!checked.success) {
        // Paths and codes only: the values are the citizen's data.
        const problems = fieldIssues(checked.error).map((i) => `${i.path}:${i.code}`);
        logger.error({ channel, senderId: ctx.senderId, problems }, 'handler output breaks the contract');
        return fail('internal', `Internal error in ${channel}; the details are in the log`);
      }
    }
    return result;
  };
}
