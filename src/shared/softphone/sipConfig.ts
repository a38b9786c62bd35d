// SIP credentials and PBX settings the central server issues to a signed-in operator (issue 4).
// The SIP secret is not the account password: the server makes a fresh one at each issue, keeps
// only its HA1 (md5 of user:realm:secret, what Kamailio's digest check needs) and hands the HA1
// to the workstation, which gives it to SIP.js as `authorizationHa1`.
import { z } from 'zod';

export const IceServer = z
  .object({
    urls: z.union([z.string().max(512), z.array(z.string().max(512)).max(8)]),
    username: z.string().max(256).optional(),
    credential: z.string().max(256).optional(),
  })
  .strict();
export type IceServer = z.infer<typeof IceServer>;

export const SipCredentials = z.object({
  /** SIP user part: the account's username. */
  username: z.string(),
  /** Digest realm, also the SIP domain: `sip:<username>@<domain>`. */
  domain: z.string(),
  ha1: z.string().regex(/^[0-9a-f]{32}$/),
  /** `wss://pbx.example:8443` (ws:// only for tests on loopback). */
  wsUri: z.string(),
  /** The hotline number citizens dial, e.g. 1551. */
  hotline: z.string(),
  /** STUN/TURN from the server's configuration; empty means none (no public default). */
  iceServers: z.array(IceServer).max(8),
  displayName: z.string(),
  /** Seconds of wrap-up after a call before the agent returns to available. */
  wrapUpSeconds: z.number().int().min(0).max(3600),
});
export type SipCredentials = z.infer<typeof SipCredentials>;

/** The workstation's softphone configuration: none until signed in against a server with a PBX. */
export const SoftphoneConfig = z.discriminatedUnion('configured', [
  z.object({ configured: z.literal(false), reason: z.string() }),
  z.object({ configured: z.literal(true), sip: SipCredentials }),
]);
export type SoftphoneConfig = z.infer<typeof SoftphoneConfig>;

export const SIP_PATHS = {
  /** POST, operator/team_lead: issue fresh SIP credentials for the signed-in account. */
  credentials: '/api/v1/sip/credentials',
  /** GET ?username=&realm=, PBX token: the HA1 as text/plain, 404 when none. */
  pbxHa1: '/api/v1/pbx/ha1',
  /** GET ?to=&from=&callId=, PBX token: the chosen operator's username as text/plain, 486 when none. */
  pbxRoute: '/api/v1/pbx/route',
} as const;
