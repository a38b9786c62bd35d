// Installed into an operator's page: watches the softphone pane with a MutationObserver and stamps,
// on the page's wall clock (performance.timeOrigin + performance.now(), comparable with sipp's
// timestamps on the same machine), when the incoming-call card and the screen pop enter the DOM.
// It answers through the real Answer button (the renderer has no auto-answer mode): at once, or
// once the screen pop is complete. After answering it reads window.__softphoneStats() until audio
// arrives or the call ends.
// It also stamps every change of the registration chip's state (for the PBX-restart figure).
import type { Page } from 'playwright-core';

export interface WatchedCall {
  ringAt: number;
  popAt: number | null;
  answeredAt: number | null;
  /** The last getStats() summary read during the call (until audio came); null when none was. */
  stats: { dtlsState: string | null; packetsReceived: number; totalAudioEnergy: number } | null;
}

export type AnswerPolicy = 'immediately' | 'after-screen-pop';

/**
 * The in-page part, as source text: tsx would wrap named functions in a helper (__name) that does
 * not exist in the page, so this is handed to the page as a string.
 */
const INSTALL = `(policy) => {
  window.__benchPolicy = policy;
  if (window.__benchCalls) return;
  const calls = [];
  window.__benchCalls = calls;
  const now = () => performance.timeOrigin + performance.now();
  let current = null;
  let answerTimer;
  const answer = (call) => {
    if (call.answeredAt !== null) return;
    const button = document.querySelector('[data-testid="softphone-answer"]');
    if (!button) return;
    call.answeredAt = now();
    button.click();
    // Reads the call's stats every 250 ms from half a second after the answer until audio has
    // arrived or the call is over (no stats any more): the last reading stays.
    const read = (left) => {
      if (!window.__softphoneStats || left === 0) return;
      window.__softphoneStats().then((stats) => {
        if (!stats) return;
        call.stats = stats;
        if (stats.packetsReceived > 0 && stats.totalAudioEnergy > 0) return;
        setTimeout(() => read(left - 1), 250);
      }, () => undefined);
    };
    setTimeout(() => read(40), 500);
  };
  const registrations = [];
  window.__benchRegistrations = registrations;
  const agentStates = [];
  window.__benchAgentStates = agentStates;
  const check = () => {
    const chip = document.querySelector('[data-testid="softphone-registration"]');
    const state = chip ? chip.getAttribute('data-state') : null;
    if (registrations.length === 0 || registrations[registrations.length - 1].state !== state)
      registrations.push({ state, at: now() });
    const agentEl = document.querySelector('[data-testid="agent-state"]');
    const agent = agentEl ? agentEl.getAttribute('data-state') : null;
    if (agentStates.length === 0 || agentStates[agentStates.length - 1].state !== agent)
      agentStates.push({ state: agent, at: now() });
    const card = document.querySelector('[data-testid="softphone-incoming"]');
    if (card && !current) {
      current = { ringAt: now(), popAt: null, answeredAt: null, stats: null };
      calls.push(current);
      const call = current;
      // A pop that never completes must not leave the call ringing: answer after 3 s regardless.
      answerTimer = setTimeout(() => answer(call), window.__benchPolicy === 'immediately' ? 0 : 3000);
    }
    if (current && current.popAt === null && document.querySelector('[data-testid="softphone-screen-pop"]')) {
      current.popAt = now();
      if (window.__benchPolicy === 'after-screen-pop') {
        clearTimeout(answerTimer);
        answer(current);
      }
    }
    if (!card && current) current = null;
  };
  new MutationObserver(check).observe(document.body, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ['data-state'],
  });
  check();
}`;

export async function watchCalls(page: Page, policy: AnswerPolicy): Promise<void> {
  await page.evaluate(`(${INSTALL})(${JSON.stringify(policy)})`);
}

export async function watchedCalls(page: Page): Promise<WatchedCall[]> {
  return page.evaluate(() => (window as unknown as { __benchCalls?: WatchedCall[] }).__benchCalls ?? []);
}

export interface RegistrationChange {
  state: string | null;
  at: number;
}

/** Every change of the registration chip's state since watchCalls, stamped like the calls. */
export async function registrationChanges(page: Page): Promise<RegistrationChange[]> {
  return page.evaluate(
    () => (window as unknown as { __benchRegistrations?: RegistrationChange[] }).__benchRegistrations ?? [],
  );
}

/** Every change of the agent-state control's state since watchCalls. */
export async function agentStateChanges(page: Page): Promise<RegistrationChange[]> {
  return page.evaluate(
    () => (window as unknown as { __benchAgentStates?: RegistrationChange[] }).__benchAgentStates ?? [],
  );
}

/** Forgets the calls seen so far (the array is reused so the observer keeps writing into it). */
export async function clearWatchedCalls(page: Page): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as { __benchCalls?: WatchedCall[] }).__benchCalls?.splice(0);
  });
}
