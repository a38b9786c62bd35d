// Idempotent seeding: reference data from resources/reference and the demo accounts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Classifier, ExecutorDirectory } from '../../shared/domain/reference';
import type { Role } from '../../shared/sync/auth';
import { hashPassword } from '../auth/password';
import { withTransaction, type Pool } from './pool';

export const DEFAULT_REFERENCE_DIR = join(process.cwd(), 'resources', 'reference');

export async function seedReference(
  pool: Pool,
  dir = DEFAULT_REFERENCE_DIR,
): Promise<{ categories: number; executors: number }> {
  const classifier = Classifier.parse(JSON.parse(readFileSync(join(dir, 'classifier.json'), 'utf8')));
  const directory = ExecutorDirectory.parse(JSON.parse(readFileSync(join(dir, 'executors.json'), 'utf8')));
  await withTransaction(pool, async (client) => {
    await client.query(
      `INSERT INTO categories (id, group_id, name, term, default_executor_id)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
       ON CONFLICT (id) DO UPDATE SET group_id = excluded.group_id, name = excluded.name,
         term = excluded.term, default_executor_id = excluded.default_executor_id`,
      [
        classifier.types.map((t) => t.id),
        classifier.types.map((t) => t.groupId),
        classifier.types.map((t) => t.name),
        classifier.types.map((t) => t.term),
        classifier.types.map((t) => t.defaultExecutorId),
      ],
    );
    await client.query(
      `INSERT INTO executors (id, name, phone, address, hours)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[])
       ON CONFLICT (id) DO UPDATE SET name = excluded.name,
         -- Contacts an admin edited (PUT /api/v1/executors/:id/contacts) are the center's: kept.
         phone = CASE WHEN executors.contacts_updated_at IS NULL THEN excluded.phone ELSE executors.phone END,
         address = CASE WHEN executors.contacts_updated_at IS NULL THEN excluded.address ELSE executors.address END,
         hours = CASE WHEN executors.contacts_updated_at IS NULL THEN excluded.hours ELSE executors.hours END`,
      [
        directory.executors.map((e) => e.id),
        directory.executors.map((e) => e.name),
        directory.executors.map((e) => e.phone),
        directory.executors.map((e) => e.address),
        directory.executors.map((e) => e.hours),
      ],
    );
  });
  return { categories: classifier.types.length, executors: directory.executors.length };
}

export interface DemoUser {
  username: string;
  name: string;
  role: Role;
  password: string;
  /** An executor account's organisation (an executor id of the reference data); no other role has one. */
  organisationId?: string;
}

/**
 * The demo executor accounts' organisations: the two executors with the most appeals in the public
 * Kyiv 1551 data (../shared/data/kyiv1551), so the demo's appeals reach them most often.
 */
export const DEMO_EXECUTOR_ORGANISATIONS = {
  /** ПАТ "Київенерго" - ТРМ: heating and hot water, 9,062 of the data set's 106,273 appeals. */
  executor1: 'e-6bdb0865',
  /** Відділ контролю за благоустроєм: 3,519 appeals. */
  executor2: 'e-42d1462c',
} as const;

/**
 * DEMO ONLY: fixed accounts so a fresh install can be tried at once. The password of every demo
 * account is SERVER_DEMO_PASSWORD when set, else `demo-<username>`. Disable them (users.disabled)
 * before real use.
 */
export function demoUsers(password = process.env['SERVER_DEMO_PASSWORD']): DemoUser[] {
  const users: Omit<DemoUser, 'password'>[] = [
    { username: 'operator1', name: 'Demo Operator 1', role: 'operator' },
    { username: 'operator2', name: 'Demo Operator 2', role: 'operator' },
    { username: 'operator3', name: 'Demo Operator 3', role: 'operator' },
    { username: 'analyst', name: 'Demo Analyst', role: 'analyst' },
    { username: 'feedback', name: 'Demo Feedback Operator', role: 'feedback' },
    { username: 'lead', name: 'Demo Team Lead', role: 'team_lead' },
    { username: 'admin', name: 'Demo Administrator', role: 'admin' },
    {
      username: 'executor1',
      name: 'Demo Executor (Kyivenergo)',
      role: 'executor',
      organisationId: DEMO_EXECUTOR_ORGANISATIONS.executor1,
    },
    {
      username: 'executor2',
      name: 'Demo Executor (Improvement Control)',
      role: 'executor',
      organisationId: DEMO_EXECUTOR_ORGANISATIONS.executor2,
    },
  ];
  return users.map((u) => ({ ...u, password: password || `demo-${u.username}` }));
}

/**
 * Creates the users that do not exist yet; never changes an existing account's password. An
 * executor's organisation must be in the executors table: seed the reference data first.
 */
export async function seedUsers(pool: Pool, users: DemoUser[]): Promise<number> {
  const { rows } = await pool.query<{ username: string }>(
    'SELECT username FROM users WHERE username = ANY($1)',
    [users.map((u) => u.username)],
  );
  const existing = new Set(rows.map((r) => r.username));
  let created = 0;
  for (const user of users.filter((u) => !existing.has(u.username))) {
    const result = await pool.query(
      `INSERT INTO users (username, name, role, password_hash, organisation_id) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (username) DO NOTHING`,
      [user.username, user.name, user.role, await hashPassword(user.password), user.organisationId ?? null],
    );
    created += result.rowCount ?? 0;
  }
  return created;
}
