import { createDispatcher, type DispatchLogger } from './dispatch';
import { fakeHandlers, sampleAppeal, validDraft } from './test/fakeHandlers';
import { MAX_MESSAGE_BYTES } from '../../shared/ipc/contract';
import { ok } from '../../shared/result';

const ctx = { senderId: 'test' };

function recordingLogger() {
  const lines: unknown[] = [];
  const logger: DispatchLogger = {
    error: ((obj: unknown, msg?: string) => lines.push({ obj, msg })) as DispatchLogger['error'],
    warn: ((obj: unknown, msg?: string) => lines.push({ obj, msg })) as DispatchLogger['warn'],
  };
  return { logger, lines };
}

describe('createDispatcher', () => {
  it('refuses an unknown channel and names it', async () => {
    const dispatch = createDispatcher(fakeHandlers(), { logger: recordingLogger().logger });
    const result = await dispatch('appeals:delete', {}, ctx);
    expect(result).toEqual({
      ok: false,
      error: { code: 'invalid_input', message: 'Unknown channel "appeals:delete"' },
    });
  });

  it('treats inherited object keys and non-strings as unknown channels', async () => {
    const dispatch = createDispatcher(fakeHandlers(), { logger: recordingLogger().logger });
    for (const channel of ['toString', '__proto__', 'constructor', 42, null]) {
      const result = await dispatch(channel, {}, ctx);
      expect(result.ok ? 'ok' : result.error.code).toBe('invalid_input');
    }
  });

  it('passes the parsed input, with defaults and normalised phones, to the handler', async () => {
    const seen: unknown[] = [];
    const handlers = fakeHandlers({
      'appeals:create': (input) => {
        seen.push(input);
        return ok(sampleAppeal());
      },
    });
    const dispatch = createDispatcher(handlers, { logger: recordingLogger().logger });
    const draft = validDraft();
    draft.applicant.phones = ['044 123 45 67'];
    const result = await dispatch('appeals:create', draft, ctx);
    expect(result.ok).toBe(true);
    expect(seen[0]).toMatchObject({
      channel: 'phone',
      benefit: 'none',
      applicant: { phones: ['+380441234567'] },
    });
  });

  it('refuses invalid input with field issues and a message naming the first problem', async () => {
    const handler = vi.fn();
    const dispatch = createDispatcher(fakeHandlers({ 'appeals:create': handler }), {
      logger: recordingLogger().logger,
    });
    const draft = validDraft();
    draft.applicant.fullName = '';
    const result = await dispatch('appeals:create', draft, ctx);
    expect(handler).not.toHaveBeenCalled();
    if (result.ok) throw new Error('expected a failure');
    expect(result.error.code).toBe('invalid_input');
    expect(result.error.message).toBe(
      'Invalid input for appeals:create: applicant.fullName: Full name is required',
    );
    expect(result.error.issues).toContainEqual({
      path: 'applicant.fullName',
      code: 'required',
      message: 'Full name is required',
    });
  });

  it('refuses unknown fields, since the contract inputs are strict', async () => {
    const dispatch = createDispatcher(fakeHandlers(), { logger: recordingLogger().logger });
    const result = await dispatch('app:info', { extra: 1 }, ctx);
    expect(result.ok ? null : result.error.issues?.[0]?.code).toBe('unknown_field');
  });

  it('accepts a missing input on channels whose input is empty', async () => {
    const handlers = fakeHandlers({ 'settings:get': () => ok({ locale: 'uk', theme: 'light' }) });
    const dispatch = createDispatcher(handlers, { logger: recordingLogger().logger });
    expect(await dispatch('settings:get', undefined, ctx)).toEqual({
      ok: true,
      value: { locale: 'uk', theme: 'light' },
    });
  });

  it('refuses an input larger than the message limit before parsing it', async () => {
    const handler = vi.fn();
    const dispatch = createDispatcher(fakeHandlers({ 'appeals:create': handler }), {
      logger: recordingLogger().logger,
    });
    const draft = validDraft();
    draft.essence = 'x'.repeat(MAX_MESSAGE_BYTES);
    const result = await dispatch('appeals:create', draft, ctx);
    expect(handler).not.toHaveBeenCalled();
    expect(result.ok ? null : result.error.code).toBe('too_large');
  });

  it('refuses input that is not plain JSON data', async () => {
    const dispatch = createDispatcher(fakeHandlers(), { logger: recordingLogger().logger });
    const result = await dispatch('appeals:get', { id: 10n }, ctx);
    expect(result.ok ? null : result.error).toEqual({
      code: 'invalid_input',
      message: 'Input for appeals:get is not plain JSON data',
    });
  });

  it('turns a thrown error into a generic internal error and logs it without the input', async () => {
    const { logger, lines } = recordingLogger();
    const handlers = fakeHandlers({
      'appeals:create': () => {
        throw new Error('disk on fire');
      },
    });
    const dispatch = createDispatcher(handlers, { logger });
    const result = await dispatch('appeals:create', validDraft(), ctx);
    expect(result).toEqual({
      ok: false,
      error: { code: 'internal', message: 'Internal error in appeals:create; the details are in the log' },
    });
    expect(lines).toHaveLength(1);
    const logged = JSON.stringify(lines, (_k, v: unknown) =>
      v instanceof Error ? { message: v.message, stack: v.stack } : v,
    );
    expect(logged).toContain('disk on fire');
    expect(logged).toContain('appeals:create');
    expect(logged).not.toContain('Test Applicant');
    expect(logged).not.toContain('380441234567');
  });

  it('refuses an output that breaks the contract when output validation is on', async () => {
    const { logger, lines } = recordingLogger();
    const broken = { ...sampleAppeal(), status: 'lost' };
    const handlers = fakeHandlers({ 'appeals:get': () => ok(broken as never) });
    const strict = createDispatcher(handlers, { logger, validateOutput: true });
    const result = await strict('appeals:get', { id: 'appeal-1' }, ctx);
    expect(result.ok ? null : result.error.code).toBe('internal');
    expect(JSON.stringify(lines)).toContain('status:');
    expect(JSON.stringify(lines)).not.toContain('Test Applicant');

    const lenient = createDispatcher(handlers, { logger, validateOutput: false });
    expect((await lenient('appeals:get', { id: 'appeal-1' }, ctx)).ok).toBe(true);
  });

  it('returns a handler failure unchanged', async () => {
    const dispatch = createDispatcher(fakeHandlers(), { logger: recordingLogger().logger });
    expect(await dispatch('appeals:get', { id: 'nope' }, ctx)).toEqual({
      ok: false,
      error: { code: 'not_found', message: 'fake: appeals:get has no handler' },
    });
  });

  it('treats a handler that returns something other than a Result as a bug', async () => {
    const { logger } = recordingLogger();
    const handlers = fakeHandlers({ 'appeals:get': () => ({ id: 'x' }) as never });
    const dispatch = createDispatcher(handlers, { logger });
    const result = await dispatch('appeals:get', { id: 'x' }, ctx);
    expect(result.ok ? null : result.error.code).toBe('internal');
  });
});
