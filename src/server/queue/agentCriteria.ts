// Which agents the queue counts, as SQL over `agents a JOIN users u ON u.id = a.user_id`, with the
// placeholders of the statement that uses them: the agent roles (AGENT_ROLES) and the seconds after
// which a connection not refreshed is from an instance that stopped.

/** Could be offered a caller now: available, or ringing with a reservation that ran out. */
export const routableAgent = (
  roles: string,
  staleSeconds: string,
) => `NOT u.disabled AND u.role = ANY(${roles})
        AND a.connected AND a.sip_registered
        AND a.connection_seen_at > now() - make_interval(secs => ${staleSeconds})
        AND (a.state ->> 'state' = 'available'
             OR (a.state ->> 'state' = 'ringing' AND a.reserved_until <= now()))`;

/** Signed in with a line, whatever they are doing: a caller who waits will be taken by someone. */
export const staffingAgent = (
  roles: string,
  staleSeconds: string,
) => `NOT u.disabled AND u.role = ANY(${roles})
        AND a.connected AND a.sip_registered
        AND a.connection_seen_at > now() - make_interval(secs => ${staleSeconds})
        AND a.state ->> 'state' <> 'offline'`;
