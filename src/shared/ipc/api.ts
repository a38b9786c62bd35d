// Types of `window.api` as the renderer sees it, derived from the contract, plus the handler map
// main must implement. TypeScript makes a missing channel an error on both sides.
import type { Result } from '../result';
import type { Channel, ChannelInput, ChannelOutput, EventName, EventPayload, ParsedInput } from './contract';

type DomainOf<C extends string> = C extends `${infer D}:${string}` ? D : never;
type VerbOf<C extends string> = C extends `${string}:${infer V}` ? V : never;

export type Api = {
  [D in DomainOf<Channel>]: {
    [C in Extract<Channel, `${D}:${string}`> as VerbOf<C>]: (
      // Optional when an empty object is a valid input (zod 4 types a strict empty object as
      // `{[k: string]: never}`, whose keyof is not never).
      ...input: Record<string, never> extends ChannelInput<C> ? [ChannelInput<C>?] : [ChannelInput<C>]
    ) => Promise<Result<ChannelOutput<C>>>;
  };
} & {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};

/** Context of one call: who sent it. Handlers never see the raw transport. */
export interface CallContext {
  /** Id of the window (Electron) or WebSocket connection (web host) that sent the call. */
  senderId: string;
}

export type Handlers = {
  [C in Channel]: (
    input: ParsedInput<C>,
    ctx: CallContext,
  ) => Promise<Result<ChannelOutput<C>>> | Result<ChannelOutput<C>>;
};
