// Test support only: a Handlers map whose every channel answers `not_found` unless overridden,
// plus small valid payloads. Unit tests of the transports use it; integration tests use the real
// workstation.
import type { Handlers } from '../../../shared/ipc/api';
import { channels } from '../../../shared/ipc/contract';
import { NEW_APPEAL_LIFECYCLE, type Appeal, type AppealDraftInput } from '../../../shared/domain/appeal';
import { formatProvisionalNumber } from '../../../shared/domain/provisionalNumber';
import { fail } from '../../../shared/result';

export function fakeHandlers(overrides: Partial<Handlers> = {}): Handlers {
  const base = Object.fromEntries(
    channels.map((channel) => [channel, () => fail('not_found', `fake: ${channel} has no handler`)]),
  );
  return { ...base, ...overrides } as Handlers;
}

export const validDraft = (): AppealDraftInput => ({
  type: 'complaint',
  applicant: {
    fullName: 'Test Applicant',
    phones: ['+380441234567'],
    address: { city: 'Kyiv', street: 'Khreshchatyk', building: '22' },
  },
  categoryId: 'cat-1',
  executorId: 'exec-1',
  essence: 'No hot water since Monday',
});

export const sampleAppeal = (id = 'appeal-1'): Appeal => ({
  lifecycle: NEW_APPEAL_LIFECYCLE,
  supplements: [],
  type: 'complaint',
  channel: 'phone',
  applicant: {
    fullName: 'Test Applicant',
    phones: ['+380441234567'],
    address: { city: 'Kyiv', district: '', street: 'Khreshchatyk', building: '22', flat: '' },
    email: '',
    iin: '',
  },
  benefit: 'none',
  signatories: null,
  categoryId: 'cat-1',
  executorId: 'exec-1',
  essence: 'No hot water since Monday',
  attachments: [],
  consentToPublish: false,
  repeatOf: null,
  id,
  provisionalNumber: formatProvisionalNumber('7K3M', 1),
  officialNumber: null,
  status: 'registered',
  result: null,
  version: 1,
  priority: false,
  receivedOn: '2026-11-22',
  deadlineOn: '2026-12-07',
  deadlineRule: 'ua_short_15',
  createdAt: '2026-11-22T10:00:00.000Z',
  updatedAt: '2026-11-22T10:00:00.000Z',
  operatorId: 'operator-1',
});
