// The part of the intake form every end-to-end registration fills the same way: a Kyiv address,
// an essence the classifier knows, its category (the executor follows), then Register.
import type { Page } from 'playwright-core';
import { eventually, visible } from './page';

/** Fills address, essence and category, registers, and returns the number the closing step shows. */
export async function completeAndRegister(page: Page): Promise<string> {
  await page.getByRole('textbox', { name: 'Street' }).fill('вул. Хрещатик');
  await page.getByRole('textbox', { name: 'Building' }).fill('22');
  await page.getByRole('textbox', { name: 'Flat' }).fill('5');
  await page
    .getByRole('textbox', { name: 'Essence of the issue' })
    .fill('Третій день відсутнє гаряче водопостачання в усьому будинку.');
  await page.getByRole('combobox', { name: 'Category' }).fill('Відсутність ГВП');
  await page
    .getByRole('option', { name: /Відсутність ГВП/ })
    .first()
    .click();
  await eventually(
    () => page.getByRole('combobox', { name: 'Executor' }).inputValue(),
    (v) => v !== '',
  );
  await page.getByRole('button', { name: 'Register appeal' }).click();
  return (await visible(page.getByTestId('saved-number'))).innerText();
}
