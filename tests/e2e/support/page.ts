// Waiting helpers for playwright-core locators (its web-first `expect` lives in @playwright/test,
// which we do not use): each fails with the locator in the message after a bounded wait.
import type { Locator } from 'playwright-core';

const TIMEOUT = 10_000;

export async function visible(locator: Locator, timeout = TIMEOUT): Promise<Locator> {
  await locator.first().waitFor({ state: 'visible', timeout });
  return locator.first();
}

export async function hidden(locator: Locator, timeout = TIMEOUT): Promise<void> {
  await locator.first().waitFor({ state: 'hidden', timeout });
}

/** Polls `read` until `accept` holds; throws with the last value seen. */
export async function eventually<T>(
  read: () => Promise<T>,
  accept: (v: T) => boolean,
  timeout = TIMEOUT,
): Promise<T> {
  const until = Date.now() + timeout;
  let last: T = await read();
  while (!accept(last)) {
    if (Date.now() > until)
      throw new Error(`condition not met in ${timeout} ms; last value: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, 50));
    last = await read();
  }
  return last;
}
