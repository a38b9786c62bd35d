// Sign-in between a workstation and the central server.
import { z } from 'zod';
import { StorableLine, Uuid } from '../domain/storable';

/**
 * `executor`: an account of an executor organisation (a district administration, a utility). It
 * sees and acts only on the appeals assigned to its organisation (`organisationId`, an executor id
 * of the reference data).
 */
export const roles = ['operator', 'analyst', 'feedback', 'team_lead', 'admin', 'executor'] as const;
export const Role = z.enum(roles);
export type Role = z.infer<typeof Role>;

export const LoginRequest = z
  .object({
    // One-line text only: a NUL or a broken character would otherwise reach PostgreSQL (a 500),
    // and no keyboard types a control character into a password.
    username: StorableLine.trim().min(1).max(64),
    password: StorableLine.min(1).max(256),
    /** The workstation's device id (a UUID): its sign-in may sync only as this device. */
    deviceId: Uuid.optional(),
    /**
     * The workstation's secret for `deviceId` (32 random bytes, base64url). The first sign-in with a
     * device id binds the id to its key; a sign-in from anywhere else that names the id is refused.
     */
    deviceKey: z
      .string()
      .regex(/^[\w-]{43}$/)
      .optional(),
  })
  .strict();
export type LoginRequest = z.infer<typeof LoginRequest>;

export const SessionUser = z.object({
  id: z.string(),
  username: z.string(),
  name: z.string(),
  role: Role,
  /** Set for an `executor` account only: the executor organisation it belongs to. */
  organisationId: z.string().nullable().optional(),
});
export type SessionUser = z.infer<typeof SessionUser>;

export const TokenPair = z.object({
  accessToken: z.string(),
  /** Seconds until the access token expires. */
  expiresIn: z.number().int().positive(),
  refreshToken: z.string(),
  user: SessionUser,
});
export type TokenPair = z.infer<typeof TokenPair>;

export const RefreshRequest = z
  .object({
    refreshToken: StorableLine.min(1).max(512),
    /**
     * The successor the client asks for (32 random bytes, base64url), kept until the answer arrives:
     * when the answer is lost (connection cut, timeout) the client sends the same pair again and
     * gets the same successor, instead of being taken for a thief replaying a rotated token.
     */
    next: z
      .string()
      .regex(/^[\w-]{43}$/)
      .optional(),
  })
  .strict();

export const AUTH_PATHS = {
  login: '/api/v1/auth/login',
  refresh: '/api/v1/auth/refresh',
  logout: '/api/v1/auth/logout',
  me: '/api/v1/auth/me',
} as const;

/** The error body of every 4xx/5xx answer: a stable code and a message a person can act on. */
export const ApiError = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    issues: z.array(z.object({ path: z.string(), code: z.string(), message: z.string() })).optional(),
  }),
});
export type ApiError = z.infer<typeof ApiError>;
