// Appeals pulled from the server include other workstations' appeals, whose provisional numbers
// may equal this device's (two devices can share a tag). Applying them must never fail, or the
// pull would stall on that page for good.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../../../src/main/core/db/openStore';
import type { Store } from '../../../src/main/core/db/types';
import { getAppeal } from '../../../src/main/appeals/appealsRepo';
import { upsertPulledAppeal } from '../../../src/main/sync/syncRepo';
import { uuidv7 } from '../../../src/shared/domain/ids';
import { storedAppeal } from '../../../src/renderer/test/fixtures';
import { randomKey, useTempDirs } from '../support/storeFiles';

const tempDir = useTempDirs('pulled-');
let store: Store | null = null;

afterEach(() => store?.close());

describe('pulled appeals', () => {
  it('applies appeals of two devices that share a provisional number', () => {
    const opened = openStore({ file: join(tempDir(), 'workstation.db'), key: randomKey() });
    if (!opened.ok) throw new Error(opened.error.message);
    store = opened.value;
    const db = store.db;
    const mine = storedAppeal({
      id: uuidv7(),
      provisionalNumber: 'P-AB12-000001',
      officialNumber: '1551-2026-000001',
    });
    const theirs = storedAppeal({
      id: uuidv7(),
      provisionalNumber: 'P-AB12-000001',
      officialNumber: '1551-2026-000002',
    });
    store.write(() => upsertPulledAppeal(db, mine));
    expect(() => store!.write(() => upsertPulledAppeal(db, theirs))).not.toThrow();
    const numbers = db.prepare('SELECT official_number AS n FROM appeals ORDER BY n').all() as {
      n: string;
    }[];
    expect(numbers.map((r) => r.n)).toEqual(['1551-2026-000001', '1551-2026-000002']);
  });

  it('takes the operator the server recorded for an appeal this device made', () => {
    const opened = openStore({ file: join(tempDir(), 'workstation.db'), key: randomKey() });
    if (!opened.ok) throw new Error(opened.error.message);
    store = opened.value;
    const db = store.db;
    const made = storedAppeal({ id: uuidv7(), officialNumber: null, operatorId: 'operator-local' });
    store.write(() => upsertPulledAppeal(db, made));
    const fromServer = { ...made, officialNumber: '1551-2026-000003', operatorId: 'server-user-id' };
    expect(store.write(() => upsertPulledAppeal(db, fromServer))).toBe(true);
    expect(getAppeal(db, made.id)).toMatchObject({
      operatorId: 'server-user-id',
      officialNumber: '1551-2026-000003',
    });
  });

  it("takes the server's received date, deadline and priority for an appeal this device made", () => {
    const opened = openStore({ file: join(tempDir(), 'workstation.db'), key: randomKey() });
    if (!opened.ok) throw new Error(opened.error.message);
    store = opened.value;
    const db = store.db;
    const made = storedAppeal({
      id: uuidv7(),
      officialNumber: null,
      deadlineOn: '2099-12-31',
      priority: true,
    });
    store.write(() => upsertPulledAppeal(db, made));
    const fromServer = {
      ...made,
      officialNumber: '1551-2026-000004',
      deadlineOn: '2026-04-01',
      priority: false,
    };
    expect(store.write(() => upsertPulledAppeal(db, fromServer))).toBe(true);
    expect(getAppeal(db, made.id)).toMatchObject({ deadlineOn: '2026-04-01', priority: false });
    const row = db.prepare('SELECT deadline_on, priority FROM appeals WHERE id = ?').get(made.id);
    expect(row).toEqual({ deadline_on: '2026-04-01', priority: 0 });
  });
});
