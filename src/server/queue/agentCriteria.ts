// Which agents the queue counts, as SQL over `agents a JOIN users u ON u.id = a.user_id`, with the
// placeholders of the statement that uses them: the agent roles (AGENT_ROLES) and the seconds after
// which a connection not refreshed is from an instance that stopped.

/** An agent's account, signed in on a live connection with a registered line. */
const withLine = (roles: string, staleSeconds: string) => `NOT u.disabled AND u.role = ANY(${roles})
        AND a.connected AND a.sip_registered
        AND a.connection_seen_at > now() - make_interval(secs => ${staleSeconds})`;

/** Could be offered a caller now: available, or ringing with a reservation that ran out. */
export const routableAgent = (roles: string, staleSeconds: string) => `${withLine(roles, staleSeconds)}
        AND (a.state ->> 'state' = 'available'
             OR (a.state ->> 'state' = 'ringing' AND a.reserved_until <= now()))`;

/** Whatever they are doing but offline: a caller who waits will be taken by someone. */
export const staffingAgent = (roles: string, staleSeconds: string) => `${withLine(roles, staleSeconds)}
        AND a.state ->> 'state' <> 'offline'`;
