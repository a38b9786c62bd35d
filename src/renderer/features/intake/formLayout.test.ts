import { script } from '../../test/fixtures';
import { formSections, scriptFieldOf } from './formLayout';
import { CallScript } from '../../../shared/domain';
import intakeScript from '../../../../resources/scripts/intake.json';

describe('form layout from the call script', () => {
  it('puts each field in the first visible step that names it, in the script’s order', () => {
    const sections = formSections(script(), 'complaint', 'ua');
    expect(sections.map((s) => s.stepId)).toEqual(['greeting', 'applicant', 'address', 'essence', 'extra']);
    expect(sections.find((s) => s.stepId === 'applicant')!.fields).toEqual([
      'applicant.fullName',
      'applicant.phones',
      'benefit',
    ]);
  });

  it('shows the IIN only under the Kazakh rule set', () => {
    const kz = formSections(script(), null, 'kz');
    expect(kz.find((s) => s.stepId === 'applicant')!.fields).toContain('applicant.iin');
  });

  it('leads with the appeal type whichever step the script gives it', () => {
    expect(formSections(script(), null, 'ua')[0]).toEqual({
      stepId: 'greeting',
      stepIds: ['greeting', 'kind'],
      fields: ['type', 'channel'],
    });
  });

  it('still offers the fields the law requires when the script forgets them, the type first', () => {
    const thin: CallScript = {
      id: 'thin',
      version: 1,
      title: { uk: 'x' },
      steps: [
        { id: 'talk', title: { uk: 'x' }, say: { uk: 'x' }, fields: ['essence'] },
        { id: 'end', title: { uk: 'x' }, say: { uk: 'x' }, fields: [], closing: true },
      ],
    };
    const sections = formSections(thin, null, 'ua');
    expect(sections[0]).toEqual({ stepId: 'talk', stepIds: ['talk'], fields: ['type', 'essence'] });
    expect(sections[1]!.fields).toEqual(
      expect.arrayContaining(['applicant.fullName', 'applicant.address', 'categoryId', 'executorId']),
    );
  });

  it('numbers every step of the script without gaps: a step with nothing left to fill shares a section', () => {
    const sections = formSections(script(), 'complaint', 'ua');
    // The type step's field leads the first section; the decision complained of goes in the essence.
    expect(sections.map((s) => s.stepIds)).toEqual([
      ['greeting', 'kind'],
      ['applicant'],
      ['address'],
      ['essence', 'decision'],
      ['extra'],
    ]);
  });

  it('maps issue paths to the field that edits them', () => {
    expect(scriptFieldOf('applicant.address.street')).toBe('applicant.address');
    expect(scriptFieldOf('applicant.phones.2')).toBe('applicant.phones');
    expect(scriptFieldOf('applicant.fullName')).toBe('applicant.fullName');
    expect(scriptFieldOf('essence')).toBe('essence');
    expect(scriptFieldOf('attachments.0.name')).toBe(null);
    expect(scriptFieldOf('mystery')).toBe(null);
  });
});

describe('the shipped call script', () => {
  it.each([null, 'proposal', 'statement', 'complaint'] as const)(
    'gives every step but the closing one a place in the form, in order, for type %s',
    (type) => {
      const shipped = CallScript.parse(intakeScript);
      const numbered = formSections(shipped, type, 'ua').flatMap((s) => s.stepIds);
      const steps = shipped.steps.filter(
        (s) => !s.closing && (!s.onlyFor || (type && s.onlyFor.includes(type))),
      );
      expect(numbered).toEqual(steps.map((s) => s.id));
    },
  );

  it.each([null, 'proposal', 'statement', 'complaint'] as const)(
    'lays out every field once for type %s',
    (type) => {
      const shipped = CallScript.parse(intakeScript);
      const fields = formSections(shipped, type, 'kz').flatMap((s) => s.fields);
      expect(new Set(fields).size).toBe(fields.length);
      expect(fields[0]).toBe('type');
      expect(fields).toEqual(
        expect.arrayContaining([
          'channel',
          'applicant.fullName',
          'applicant.phones',
          'applicant.address',
          'applicant.email',
          'applicant.iin',
          'benefit',
          'signatories',
          'essence',
          'categoryId',
          'executorId',
          'consentToPublish',
        ]),
      );
    },
  );
});
