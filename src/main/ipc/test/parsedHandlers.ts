// Test support: handlers called in-process (integration tests, benchmarks) get their input parsed
// by the dispatcher's parseInput first, as every call through a host does; thrown errors still
// reach the test, unlike through the dispatcher.
import type { Handlers } from '../../../shared/ipc/api';
import { channels, type Channel } from '../../../shared/ipc/contract';
import type { Result } from '../../../shared/result';
import { parseInput } from '../dispatch';

type AnyHandler = (input: unknown, ctx: Parameters<Handlers[Channel]>[1]) => unknown;

export function parsedHandlers(handlers: Handlers): Handlers {
  return Object.fromEntries(
    channels.map((channel) => [
      channel,
      (input: unknown, ctx: Parameters<AnyHandler>[1]) => {
        const parsed = parseInput(channel, input);
        return parsed.ok ? (handlers[channel] as AnyHandler)(parsed.value, ctx) : (parsed as Result<never>);
      },
    ]),
  ) as Handlers;
}

/** The workstation with its handlers behind parseInput. */
export const withParsedInput = <W extends { handlers: Handlers }>(w: W): W => ({
  ...w,
  handlers: parsedHandlers(w.handlers),
});
