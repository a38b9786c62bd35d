// Installed into each queue operator's page: a MutationObserver stamps, on the page's wall clock
// (performance.timeOrigin + performance.now(), comparable with sipp's timestamps on the same
// machine), when an incoming-call card enters the DOM and whose number it shows (the digits of
// data-testid="softphone-caller-number": each benchmark citizen calls from its own number), then
// clicks the real Answer button at once (the renderer has no auto-answer). The citizen hangs up
// after its talk time; the page's end of the call is stamped too (the call-state line leaves
// "active"). WRAP_UP_SECONDS=0 on the server: the operator is available again at once.
import type { Page } from 'playwright-core';

export interface QueuePageCall {
  /** The incoming card appeared. */
  ringAt: number;
  /** The digits of the caller's number as the card shows it. */
  digits: string;
  answeredAt: number | null;
  /** The call-state line left the active phase after the answer (the citizen's BYE arrived). */
  endedAt: number | null;
}

/** As source text: tsx would wrap named functions in a helper (__name) the page does not have. */
const INSTALL = `() => {
  if (window.__queueCalls) return;
  const calls = [];
  window.__queueCalls = calls;
  const now = () => performance.timeOrigin + performance.now();
  let current = null;
  let active = null;
  const check = () => {
    const card = document.querySelector('[data-testid="softphone-incoming"]');
    if (card && !current) {
      const number = document.querySelector('[data-testid="softphone-caller-number"]');
      current = {
        ringAt: now(),
        digits: ((number && number.textContent) || '').replace(/\\D/g, ''),
        answeredAt: null,
        endedAt: null,
      };
      calls.push(current);
      const button = document.querySelector('[data-testid="softphone-answer"]');
      if (button) {
        current.answeredAt = now();
        active = current;
        button.click();
      }
    }
    if (!card && current) current = null;
    const line = document.querySelector('[data-testid="softphone-call-state"]');
    const phase = line ? line.getAttribute('data-phase') : null;
    if (active && active !== current && (phase === 'ended' || phase === 'idle' || phase === null)) {
      active.endedAt = now();
      active = null;
    }
  };
  new MutationObserver(check).observe(document.body, {
    childList: true,
    subtree: true,
    characterData: true,
    attributes: true,
    attributeFilter: ['data-state', 'data-phase'],
  });
  check();
}`;

export async function watchQueueCalls(page: Page): Promise<void> {
  await page.evaluate(`(${INSTALL})()`);
}

export async function queuePageCalls(page: Page): Promise<QueuePageCall[]> {
  return page.evaluate(() => (window as unknown as { __queueCalls?: QueuePageCall[] }).__queueCalls ?? []);
}

export async function clearQueuePageCalls(page: Page): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as { __queueCalls?: QueuePageCall[] }).__queueCalls?.splice(0);
  });
}
