// The web host's wire protocol: `window.api` over one WebSocket, same contract and Results as
// Electron IPC. The page gets a random per-run token in the URL fragment (never sent in HTTP
// requests or logs) and presents it when opening the socket: `/api?token=...`.
import { z } from 'zod';
import { MAX_MESSAGE_BYTES } from './contract';

export const WEB_API_PATH = '/api';

/** Client -> host: one call. `id` pairs the reply with its call. */
export const WireRequest = z
  .object({
    id: z.number().int().min(0),
    channel: z.string().max(64),
    input: z.unknown(),
  })
  .strict();
export type WireRequest = z.infer<typeof WireRequest>;

/** Host -> client: a reply (`id` + `result`) or an event (`event` + `payload`). */
export type WireReply = { id: number; result: unknown } | { event: string; payload: unknown };

export { MAX_MESSAGE_BYTES };
