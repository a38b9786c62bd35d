// `<dataDir>/workstation.json`: which center this workstation serves, which law's deadlines apply,
// who operates it (until operators log in) and the device's id. Created with defaults on first
// start; a hand-edited file is validated, and a mistake names the field.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import { UUID_V7, uuidv7 } from '../../../shared/domain/ids';
import { fieldIssues } from '../../../shared/domain/validation';
import { fail, ok, type Result } from '../../../shared/result';

export const CONFIG_FILE_NAME = 'workstation.json';

const isTimeZone = (tz: string): boolean => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

export const DEFAULT_CENTER = {
  code: '1551',
  name: 'Київський міський контакт-центр 1551',
  timeZone: 'Europe/Kyiv',
  city: 'Київ',
};
export const DEFAULT_OPERATOR_ID = 'operator-local';
export const FALLBACK_OPERATOR_NAME = 'Оператор';

const ConfigFile = z
  .object({
    center: z
      .object({
        code: z.string().trim().min(1).max(16),
        name: z.string().trim().min(1).max(200),
        timeZone: z.string().refine(isTimeZone, { message: 'Not an IANA time zone (e.g. Europe/Kyiv)' }),
        /** The intake form's default city for the applicant's address. */
        city: z.string().trim().min(1).max(120).optional(),
      })
      .strict()
      .default(DEFAULT_CENTER),
    ruleSet: z.enum(['ua', 'kz']).default('ua'),
    operator: z
      .object({ id: z.string().trim().min(1).max(64), name: z.string().trim().min(1).max(200) })
      .strict()
      .optional(),
    /** Absent in a file copied to many machines; then each machine makes its own. */
    deviceId: z.string().regex(UUID_V7, { message: 'Not a UUIDv7' }).optional(),
  })
  .strict();

export type WorkstationConfig = {
  center: { code: string; name: string; timeZone: string; city?: string };
  ruleSet: 'ua' | 'kz';
  operator: { id: string; name: string };
  deviceId: string;
};

export function osOperatorName(): string {
  try {
    const name = userInfo().username.trim();
    return name === '' ? FALLBACK_OPERATOR_NAME : name;
  } catch {
    return FALLBACK_OPERATOR_NAME;
  }
}

export interface LoadConfigOptions {
  /** Operator name when the file names none; defaults to the OS user. */
  operatorName?: () => string;
}

/** Reads (or creates) the config. A file without a deviceId gets one written back, once. */
export function loadWorkstationConfig(
  dataDir: string,
  options: LoadConfigOptions = {},
): Result<WorkstationConfig> {
  const file = join(dataDir, CONFIG_FILE_NAME);
  let raw: unknown = {};
  let exists = true;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') exists = false;
    else if (e instanceof SyntaxError)
      return fail('storage_error', `${file} is not valid JSON: ${e.message}`);
    else return fail('storage_error', `Cannot read ${file}: ${(e as Error).message}`);
  }
  const parsed = ConfigFile.safeParse(raw);
  if (!parsed.success) {
    const issues = fieldIssues(parsed.error);
    const where = issues.map((i) => `${i.path || '(file)'}: ${i.message}`).join('; ');
    return fail('storage_error', `${file} is invalid: ${where}`, issues);
  }
  const config: WorkstationConfig = {
    center: parsed.data.center,
    ruleSet: parsed.data.ruleSet,
    operator: parsed.data.operator ?? {
      id: DEFAULT_OPERATOR_ID,
      name: (options.operatorName ?? osOperatorName)(),
    },
    deviceId: parsed.data.deviceId ?? uuidv7(),
  };
  if (!exists || parsed.data.deviceId === undefined) {
    const written = exists ? { ...(raw as object), deviceId: config.deviceId } : defaultsFile(config);
    try {
      writeFileSync(`${file}.tmp`, `${JSON.stringify(written, null, 2)}\n`);
      renameSync(`${file}.tmp`, file);
    } catch (e) {
      return fail('storage_error', `Cannot write ${file}: ${(e as Error).message}`);
    }
  }
  return ok(config);
}

/** The operator is left out: it names whoever is logged in to the OS, not a setting. */
const defaultsFile = (c: WorkstationConfig) => ({
  center: c.center,
  ruleSet: c.ruleSet,
  deviceId: c.deviceId,
});
