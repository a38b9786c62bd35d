// What the operator sees while the caller is on the line: this number's history, and what is
// already open at the caller's building (so a known outage is not registered fifty times).
import { buildingKey, type Address, type AppealSummary, type Consultation } from '../../shared/domain/appeal';
import { ok, type Result } from '../../shared/result';
import { appealsByPhone, openAppealsAtBuilding } from '../appeals';
import { consultationsByPhone } from '../consultations';
import { toSummary } from '../../shared/domain/appealSummary';
import type { ServiceContext } from '../core/context';

export function lookupCaller(
  ctx: ServiceContext,
  phone: string,
  limit: number,
): Result<{ appeals: AppealSummary[]; consultations: Consultation[] }> {
  return ok({
    appeals: appealsByPhone(ctx.db, phone, limit).map(toSummary),
    consultations: consultationsByPhone(ctx.db, phone, limit),
  });
}

export function lookupBuilding(
  ctx: ServiceContext,
  address: Pick<Address, 'city' | 'street' | 'building'>,
  limit: number,
): Result<{ openAppeals: AppealSummary[] }> {
  return ok({ openAppeals: openAppealsAtBuilding(ctx.db, buildingKey(address), limit).map(toSummary) });
}
