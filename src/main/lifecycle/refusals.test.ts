import { changeRefusals } from '../../shared/sync/protocol';
import { refusalPath, refused } from './refusals';

describe('A refused change', () => {
  it('carries its refusal as the code of its one issue, for the screen to name', () => {
    for (const refusal of changeRefusals) {
      const result = refused(refusal, 'why');
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      expect(result.error.issues).toEqual([{ path: refusalPath(refusal), code: refusal, message: 'why' }]);
    }
  });

  it('says what kind of refusal it is: the role, the state, or the input', () => {
    const codeOf = (r: (typeof changeRefusals)[number]) => {
      const result = refused(r, '');
      return result.ok ? null : result.error.code;
    };
    expect(codeOf('wrong_organisation')).toBe('forbidden');
    expect(codeOf('stale_version')).toBe('conflict');
    expect(codeOf('not_allowed_now')).toBe('conflict');
    expect(codeOf('reason_required')).toBe('invalid_input');
    expect(refusalPath('deadline_out_of_range')).toBe('action.deadlineOn');
  });
});
