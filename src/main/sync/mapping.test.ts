import { sampleAppeal } from '../ipc/test/fakeHandlers';
import type { OutboxEntry } from '../core/db/outbox';
import { appealCreatePayload, entityTypesFor, toMutation } from './mapping';

const APPEAL_ID = '01890a5d-ac96-774b-bcce-b302099a8001';
const OPERATOR_1 = '0d3c1c52-6f0e-4a8e-9a3b-5a1d2c3b4e01';

const entry = (
  payload: unknown,
  entityType: OutboxEntry['entityType'] = 'appeal',
  authorId: string | null = OPERATOR_1,
): OutboxEntry => ({
  seq: 7,
  mutationId: '01890a5d-ac96-774b-bcce-b302099a8057',
  entityType,
  entityId: APPEAL_ID,
  op: 'create',
  payload: JSON.stringify(payload),
  createdAt: '2026-11-22T10:00:00.000Z',
  authorId,
  attempts: 0,
  lastError: null,
});
const appeal = () => ({ ...sampleAppeal(APPEAL_ID), operatorId: OPERATOR_1 });

describe('Outbox entries become wire mutations', () => {
  it('sends an appeal without the fields the server owns', () => {
    const mapped = toMutation(entry({ ...appeal(), officialNumber: null }));
    expect(mapped).toMatchObject({ ok: true });
    if (!mapped.ok) return;
    expect(mapped.mutation).toMatchObject({ type: 'appeal.create', seq: 7, entityId: APPEAL_ID });
    const payload = mapped.mutation.payload as Record<string, unknown>;
    for (const owned of ['officialNumber', 'status', 'result', 'version', 'updatedAt'])
      expect(payload).not.toHaveProperty(owned);
    expect(appealCreatePayload(sampleAppeal())).toHaveProperty('provisionalNumber', 'P-7K3M-000001');
  });

  it('re-sends an appeal with the official number it was given before a restore', () => {
    const mapped = toMutation(entry({ ...appeal(), officialNumber: '1551-2026-000001' }));
    expect(mapped).toMatchObject({ ok: true });
    if (!mapped.ok) return;
    const payload = mapped.mutation.payload as Record<string, unknown>;
    expect(payload).toHaveProperty('officialNumber', '1551-2026-000001');
    for (const owned of ['status', 'result', 'version', 'updatedAt'])
      expect(payload).not.toHaveProperty(owned);
  });

  it('reports a record that does not fit the protocol instead of pushing it', () => {
    const mapped = toMutation(entry({ ...appeal(), essence: 42 }));
    expect(mapped).toEqual({ ok: false, message: expect.stringContaining('essence') });
  });
});

describe('A wire mutation names its author', () => {
  it("is the entry's author, whoever is signed in when it is pushed", () => {
    const operator2 = '7b9e4f10-2c1d-4e5f-8a9b-0c1d2e3f4a02';
    const mapped = toMutation(entry({ ...appeal(), operatorId: operator2 }, 'appeal', OPERATOR_1));
    expect(mapped).toMatchObject({ ok: true, mutation: { authorId: OPERATOR_1 } });
    // Never filled in from elsewhere: an entry without an author is reported, not pushed.
    const anonymous = toMutation(entry(appeal(), 'appeal', null));
    expect(anonymous).toEqual({ ok: false, message: expect.stringContaining('authorId') });
  });

  it('for each kind of record, the kind the wire protocol names', () => {
    const consultation = {
      id: APPEAL_ID,
      channel: 'phone',
      phone: '',
      question: 'When is the water back?',
      answer: 'Tomorrow by noon',
      categoryId: 'cat-1',
      executorId: '',
      createdAt: '2026-11-22T10:00:00.000Z',
      operatorId: OPERATOR_1,
    };
    const mapped = toMutation(entry(consultation, 'consultation'));
    expect(mapped).toMatchObject({ mutation: { type: 'consultation.create', authorId: OPERATOR_1 } });
  });
});

describe('The kinds of record a role may make', () => {
  it('follow MUTATION_ROLES: registering for an operator, lifecycle steps for an analyst and an executor', () => {
    expect(entityTypesFor('operator')).toEqual(['appeal', 'consultation', 'call', 'appeal_amend']);
    expect(entityTypesFor('team_lead')).toEqual([
      'appeal',
      'consultation',
      'call',
      'appeal_transition',
      'appeal_amend',
    ]);
    expect(entityTypesFor('analyst')).toEqual(['appeal_transition', 'appeal_amend']);
    expect(entityTypesFor('executor')).toEqual(['appeal_transition']);
  });
});

describe('A lifecycle step or an amendment', () => {
  it('goes out as appeal.transition with the action and the version its author saw', () => {
    const payload = { action: { kind: 'assign', executorId: 'e-6bdb0865' }, baseVersion: 3 };
    const mapped = toMutation(entry(payload, 'appeal_transition'));
    expect(mapped).toMatchObject({
      ok: true,
      mutation: { type: 'appeal.transition', entityId: APPEAL_ID, authorId: OPERATOR_1, payload },
    });
  });

  it('goes out as appeal.amend with the amendment and the version its author saw', () => {
    const payload = { amendment: { supplement: 'The leak is now in the stairwell too' }, baseVersion: 1 };
    const mapped = toMutation(entry(payload, 'appeal_amend'));
    expect(mapped).toMatchObject({ ok: true, mutation: { type: 'appeal.amend', payload } });
  });

  it('that no longer fits the protocol (an answer without its text) is reported, not pushed', () => {
    const mapped = toMutation(
      entry({ action: { kind: 'answer', result: 'done' }, baseVersion: 2 }, 'appeal_transition'),
    );
    expect(mapped).toEqual({ ok: false, message: expect.stringContaining('action') });
  });
});
