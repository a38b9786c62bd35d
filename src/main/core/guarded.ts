// Store failures become values: a full disk or a damaged file is something the operator can act on
// (`storage_error` naming the file), not an internal error. Inputs arrive already checked against
// the contract: the hosts' dispatcher (src/main/ipc/dispatch.ts) is the one place that validates.
import type { CallContext, Handlers } from '../../shared/ipc/api';
import type { Channel, ChannelOutput, ParsedInput } from '../../shared/ipc/contract';
import { fail, type AppError, type Result } from '../../shared/result';
import { storageFailure } from './db/storageErrors';

type Impl<C extends Channel> = (input: ParsedInput<C>, ctx: CallContext) => Result<ChannelOutput<C>>;

/** Wraps the handler of `channel` (named for its types): store failures are returned, not thrown. */
export function guarded<C extends Channel>(_channel: C, storeFile: string, impl: Impl<C>): Handlers[C] {
  const handler = (input: ParsedInput<C>, ctx: CallContext): Result<ChannelOutput<C>> => {
    try {
      return impl(input, ctx);
    } catch (err) {
      const failure: AppError | null = storageFailure(err, storeFile);
      if (failure) return fail(failure.code, failure.message);
      throw err;
    }
  };
  // TypeScript cannot match a generic channel against the mapped type's intersection.
  return handler as unknown as Handlers[C];
}

type AsyncImpl<C extends Channel> = (
  input: ParsedInput<C>,
  ctx: CallContext,
) => Promise<Result<ChannelOutput<C>>>;

/** guarded() for a handler that waits (on the server): its store failures are returned too. */
export function guardedAsync<C extends Channel>(
  _channel: C,
  storeFile: string,
  impl: AsyncImpl<C>,
): Handlers[C] {
  const handler = async (input: ParsedInput<C>, ctx: CallContext): Promise<Result<ChannelOutput<C>>> => {
    try {
      return await impl(input, ctx);
    } catch (err) {
      const failure: AppError | null = storageFailure(err, storeFile);
      if (failure) return fail(failure.code, failure.message);
      throw err;
    }
  };
  return handler as unknown as Handlers[C];
}
