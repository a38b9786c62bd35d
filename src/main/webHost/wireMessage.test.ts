import { readWireMessage, WIRE_ERROR_EVENT } from './wireMessage';

describe('readWireMessage', () => {
  it('reads a well-formed call', () => {
    const message = readWireMessage(JSON.stringify({ id: 7, channel: 'appeals:get', input: { id: 'a' } }));
    expect(message).toEqual({
      kind: 'request',
      request: { id: 7, channel: 'appeals:get', input: { id: 'a' } },
    });
  });

  it('answers malformed JSON with an error event, having no id to reply to', () => {
    const message = readWireMessage('{"id": 1, "channel": ');
    expect(message).toEqual({
      kind: 'refused',
      reply: {
        event: WIRE_ERROR_EVENT,
        payload: { code: 'invalid_input', message: 'The message is not valid JSON' },
      },
    });
  });

  it('replies to a wrongly shaped call when its id is readable', () => {
    const message = readWireMessage(JSON.stringify({ id: 3, channel: 12, input: {} }));
    if (message.kind !== 'refused' || !('id' in message.reply)) throw new Error('expected a reply');
    expect(message.reply.id).toBe(3);
    expect(message.reply.result).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', message: expect.stringContaining('channel') },
    });
  });

  it('refuses extra fields in the envelope', () => {
    const message = readWireMessage(JSON.stringify({ id: 4, channel: 'app:info', input: {}, sneaky: true }));
    expect(message.kind).toBe('refused');
  });

  it('sends an error event when the id itself is unusable', () => {
    for (const raw of [
      '[]',
      '"text"',
      '42',
      'null',
      JSON.stringify({ id: -1, channel: 'app:info' }),
      JSON.stringify({ id: 1.5 }),
    ]) {
      const message = readWireMessage(raw);
      expect(message.kind === 'refused' && 'event' in message.reply, raw).toBe(true);
    }
  });
});
