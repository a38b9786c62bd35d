// Interface preferences of this workstation. They are device-local (a language and a theme for
// this screen), not shared data, so they have no outbox entry: the server has nothing to apply.
import { Settings } from '../../shared/ipc/contract';
import { ok, type Result } from '../../shared/result';
import { readSettings, writeSetting } from './settingsRepo';
import type { ServiceContext } from '../core/context';

export const DEFAULT_SETTINGS: Settings = { locale: 'uk', theme: 'system' };

/** Stored values are checked one by one: a bad one falls back to its default, not the whole set. */
export function getSettings(ctx: ServiceContext): Result<Settings> {
  const stored = readSettings(ctx.db);
  const settings = { ...DEFAULT_SETTINGS };
  for (const key of Object.keys(Settings.shape) as (keyof Settings)[]) {
    const parsed = Settings.shape[key].safeParse(stored.get(key));
    if (parsed.success) Object.assign(settings, { [key]: parsed.data });
  }
  return ok(settings);
}

export function updateSettings(ctx: ServiceContext, patch: Partial<Settings>): Result<Settings> {
  ctx.write(() => {
    for (const [key, value] of Object.entries(patch))
      if (value !== undefined) writeSetting(ctx.db, key, value);
  });
  return getSettings(ctx);
}
