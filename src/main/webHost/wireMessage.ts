// Reading one client message of the web host's wire protocol (src/shared/ipc/wire.ts). Nothing a
// client sends may crash the host: every failure becomes a reply when the call's id can be read,
// otherwise an error event.
import { WireRequest, type WireReply } from '../../shared/ipc/wire';
import { fieldIssues } from '../../shared/domain/validation';
import { fail, type AppError } from '../../shared/result';

/** Event sent when a message cannot be paired with a call (no readable `id`). */
export const WIRE_ERROR_EVENT = 'wire:error';

export type WireMessage = { kind: 'request'; request: WireRequest } | { kind: 'refused'; reply: WireReply };

const refusal = (id: number | null, error: AppError): WireMessage => ({
  kind: 'refused',
  reply:
    id === null
      ? { event: WIRE_ERROR_EVENT, payload: error }
      : { id, result: fail(error.code, error.message, error.issues) },
});

function readableId(value: unknown): number | null {
  if (typeof value !== 'object' || value === null || !('id' in value)) return null;
  const { id } = value;
  return typeof id === 'number' && Number.isSafeInteger(id) && id >= 0 ? id : null;
}

export function readWireMessage(data: string): WireMessage {
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return refusal(null, { code: 'invalid_input', message: 'The message is not valid JSON' });
  }
  const parsed = WireRequest.safeParse(json);
  if (parsed.success) return { kind: 'request', request: parsed.data };
  const issues = fieldIssues(parsed.error);
  const first = issues[0];
  const detail = first ? `${first.path === '' ? 'message' : first.path}: ${first.message}` : 'wrong shape';
  return refusal(readableId(json), {
    code: 'invalid_input',
    message: `Not a call of the form {id, channel, input}: ${detail}`,
    issues,
  });
}
