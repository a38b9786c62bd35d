// Handlers check their input against the contract again: the hosts' dispatcher already did, but
// the services are also called directly (tests, the sync engine), and a Result is cheaper than a
// corrupted store. Parsing an already-parsed input yields the same value.
import type { CallContext, Handlers } from '../../shared/ipc/api';
import {
  contract,
  MAX_MESSAGE_BYTES,
  type Channel,
  type ChannelOutput,
  type ParsedInput,
} from '../../shared/ipc/contract';
import { fieldIssues } from '../../shared/domain/validation';
import { fail, ok, type AppError, type Result } from '../../shared/result';
import { storageFailure } from './db/storageErrors';

export function parseInput<C extends Channel>(channel: C, input: unknown): Result<ParsedInput<C>> {
  let bytes: number;
  try {
    bytes = Buffer.byteLength(JSON.stringify(input ?? {}), 'utf8');
  } catch {
    return fail('invalid_input', `Input for ${channel} is not plain JSON data`);
  }
  if (bytes > MAX_MESSAGE_BYTES) {
    const message = `Input for ${channel} is ${bytes} bytes; the limit is ${MAX_MESSAGE_BYTES} bytes`;
    return fail('too_large', message, [{ path: '', code: 'too_large', message }]);
  }
  const parsed = contract[channel].input.safeParse(input ?? {});
  if (!parsed.success) {
    const issues = fieldIssues(parsed.error, input ?? {});
    const first = issues[0];
    return fail(
      'invalid_input',
      `Invalid input for ${channel}: ${first?.path || 'input'}: ${first?.message}`,
      issues,
    );
  }
  return ok(parsed.data as ParsedInput<C>);
}

type Impl<C extends Channel> = (input: ParsedInput<C>, ctx: CallContext) => Result<ChannelOutput<C>>;

/** Wraps a handler: validates its input, and turns store failures (full disk, damage) into values. */
export function guarded<C extends Channel>(channel: C, storeFile: string, impl: Impl<C>): Handlers[C] {
  const handler = (input: ParsedInput<C>, ctx: CallContext): Result<ChannelOutput<C>> => {
    const parsed = parseInput(channel, input);
    if (!parsed.ok) return parsed;
    try {
      return impl(parsed.value, ctx);
    } catch (err) {
      const failure: AppError | null = storageFailure(err, storeFile);
      if (failure) return fail(failure.code, failure.message);
      throw err;
    }
  };
  // TypeScript cannot match a generic channel against the mapped type's intersection.
  return handler as unknown as Handlers[C];
}
