// What other parts of main may use of the agent state: the machine's owner and what it publishes.
export { createAgent, DEFAULT_WRAP_UP_SECONDS, type Agent, type Presence } from './agentService';
