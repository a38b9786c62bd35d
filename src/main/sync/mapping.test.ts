import { sampleAppeal } from '../ipc/fakeHandlers';
import type { OutboxEntry } from '../db/outbox';
import { appealCreatePayload, backoffDelay, toMutation } from './mapping';

const entry = (payload: unknown, entityType: OutboxEntry['entityType'] = 'appeal'): OutboxEntry => ({
  seq: 7,
  mutationId: '01890a5d-ac96-774b-bcce-b302099a8057',
  entityType,
  entityId: 'appeal-1',
  op: 'create',
  payload: JSON.stringify(payload),
  createdAt: '2026-11-22T10:00:00.000Z',
  attempts: 0,
  lastError: null,
});

describe('Outbox entries become wire mutations', () => {
  it('sends an appeal without the fields the server owns', () => {
    const mapped = toMutation(entry({ ...sampleAppeal(), officialNumber: null }));
    expect(mapped.ok).toBe(true);
    if (!mapped.ok) return;
    expect(mapped.mutation).toMatchObject({ type: 'appeal.create', seq: 7, entityId: 'appeal-1' });
    const payload = mapped.mutation.payload as Record<string, unknown>;
    for (const owned of ['officialNumber', 'status', 'result', 'version', 'updatedAt'])
      expect(payload).not.toHaveProperty(owned);
    expect(appealCreatePayload(sampleAppeal())).toHaveProperty('provisionalNumber', 'P-0001');
  });

  it('re-sends an appeal with the official number it was given before a restore', () => {
    const mapped = toMutation(entry({ ...sampleAppeal(), officialNumber: '1551-2026-000001' }));
    expect(mapped.ok).toBe(true);
    if (!mapped.ok) return;
    const payload = mapped.mutation.payload as Record<string, unknown>;
    expect(payload).toHaveProperty('officialNumber', '1551-2026-000001');
    for (const owned of ['status', 'result', 'version', 'updatedAt'])
      expect(payload).not.toHaveProperty(owned);
  });

  it('reports a record that does not fit the protocol instead of pushing it', () => {
    const mapped = toMutation(entry({ ...sampleAppeal(), essence: 42 }));
    expect(mapped).toEqual({ ok: false, message: expect.stringContaining('essence') });
  });
});

describe('Retry delays', () => {
  it('grow exponentially up to the cap, at random below it (full jitter)', () => {
    const o = { minMs: 500, maxMs: 30_000 };
    expect(backoffDelay(1, () => 1, o)).toBe(500);
    expect(backoffDelay(3, () => 1, o)).toBe(2_000);
    expect(backoffDelay(20, () => 1, o)).toBe(30_000);
    expect(backoffDelay(20, () => 0.5, o)).toBe(15_000);
    expect(backoffDelay(20, () => 0, o)).toBe(500);
  });
});
