import { printable, resultOf } from './callState';
import { displayNumber, safeText } from './callerDisplay';

describe('call results', () => {
  it('reads an answered call as answered however it ended, unless transferred', () => {
    expect(resultOf('hangup_local', true, 'inbound')).toBe('answered');
    expect(resultOf('hangup_remote', true, 'outbound')).toBe('answered');
    expect(resultOf('failed', true, 'inbound')).toBe('answered');
    expect(resultOf('transferred', true, 'inbound')).toBe('transferred');
  });

  it('tells missed, rejected, busy and failed calls apart before an answer', () => {
    expect(resultOf('cancelled', false, 'inbound')).toBe('missed');
    expect(resultOf('hangup_local', false, 'inbound')).toBe('rejected');
    expect(resultOf('rejected', false, 'inbound')).toBe('rejected');
    expect(resultOf('hangup_local', false, 'outbound')).toBe('missed');
    expect(resultOf('busy', false, 'outbound')).toBe('busy');
    expect(resultOf('failed', false, 'outbound')).toBe('failed');
  });
});

describe('caller id display', () => {
  it('formats phones and keeps other ids as safe text', () => {
    expect(displayNumber('0441234567', 'UA')).toBe('+380 44 123 45 67');
    expect(displayNumber('87011234567', 'KZ')).toBe('+7 701 123 45 67');
    expect(displayNumber('anonymous', 'UA')).toBe('anonymous');
    expect(safeText('1\u202e2\u200b3\u00074')).toBe('1234');
  });

  it('drops control characters the call record refuses and bounds the length', () => {
    expect(printable('12\u000034\u009f', 64)).toBe('1234');
    expect(printable('9'.repeat(100), 64)).toHaveLength(64);
  });
});
