// SIP credentials (src/shared/softphone/sipConfig.ts): a fresh random secret at each issue, of which
// only HA1 = md5(username:realm:secret) is kept. Digest auth needs md5; the secret is random and
// 192 bits, so HA1 cannot be reversed to anything that is reused elsewhere.
import { createHash, randomBytes } from 'node:crypto';
import type { SessionUser } from '../../shared/sync/auth';
import type { SipCredentials } from '../../shared/softphone/sipConfig';
import type { SipSettings } from '../config';
import type { Queryable } from '../db/pool';

export const digestHa1 = (username: string, realm: string, secret: string): string =>
  createHash('md5').update(`${username}:${realm}:${secret}`).digest('hex');

/** Replaces the user's credentials: the previous HA1 stops working at once. */
export async function issueSipCredentials(
  db: Queryable,
  user: SessionUser,
  sessionId: string,
  sip: SipSettings & { wsUri: string },
): Promise<SipCredentials> {
  const ha1 = digestHa1(user.username, sip.domain, randomBytes(24).toString('base64url'));
  await db.query(
    `INSERT INTO sip_credentials (user_id, session_id, username, realm, ha1) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (user_id) DO UPDATE
       SET session_id = $2, username = $3, realm = $4, ha1 = $5, issued_at = now()`,
    [user.id, sessionId, user.username, sip.domain, ha1],
  );
  return {
    username: user.username,
    domain: sip.domain,
    ha1,
    wsUri: sip.wsUri,
    hotline: sip.hotline,
    iceServers: sip.iceServers,
    displayName: user.name,
    wrapUpSeconds: sip.wrapUpSeconds,
  };
}

/**
 * The HA1 the PBX checks a REGISTER or INVITE against; null unless the account is enabled and the
 * sign-in the credentials were issued to is still live (an expired sign-in is never revoked, so
 * the triggers of migration 030 cannot catch it).
 */
export async function lookupHa1(db: Queryable, username: string, realm: string): Promise<string | null> {
  const { rows } = await db.query<{ ha1: string }>(
    `SELECT c.ha1 FROM sip_credentials c JOIN users u ON u.id = c.user_id
      WHERE c.username = $1 AND c.realm = $2 AND NOT u.disabled
        AND EXISTS (SELECT 1 FROM refresh_tokens t
                     WHERE t.family_id = c.session_id AND t.user_id = u.id
                       AND t.revoked_at IS NULL AND t.expires_at > now())`,
    [username, realm],
  );
  return rows[0]?.ha1 ?? null;
}
