// The agent state as last left on this workstation (see migration 007).
import { AgentState } from '../../shared/softphone/agent';
import { prepare } from '../core/db/statements';
import type { ReadableDB, WritableDB } from '../core/db/types';

export interface StoredAgentState {
  state: AgentState;
  since: string;
}

export function readAgentState(db: ReadableDB): StoredAgentState | null {
  const row = prepare<{ state: string; since: string }>(
    db,
    'SELECT state, since FROM agent_state WHERE singleton = 1',
  ).get();
  if (!row) return null;
  // Written by this code, but a state a newer version stored must not crash an older one.
  const state = AgentState.safeParse(JSON.parse(row.state));
  return state.success ? { state: state.data, since: row.since } : null;
}

export function saveAgentState(db: WritableDB, s: StoredAgentState): void {
  prepare(
    db,
    `INSERT INTO agent_state (singleton, state, since) VALUES (1, ?, ?)
     ON CONFLICT (singleton) DO UPDATE SET state = excluded.state, since = excluded.since`,
  ).run(JSON.stringify(s.state), s.since);
}
