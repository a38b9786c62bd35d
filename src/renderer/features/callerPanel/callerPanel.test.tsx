import { screen, waitFor, within } from '@testing-library/react';
import { renderApp, type RenderedApp } from '../../test/renderApp';
import { storedAppeal } from '../../test/fixtures';

type User = RenderedApp['user'];

async function chooseCategory(user: User, words: string) {
  const input = screen.getByRole('combobox', { name: 'Category' });
  await user.click(input);
  await user.type(input, words);
  await user.keyboard('{Enter}');
}

async function describeSameIssue(user: User) {
  await user.type(screen.getByRole('textbox', { name: 'Full name' }), 'Petro Shevchenko');
  await user.type(screen.getByRole('textbox', { name: 'Street' }), 'вул. Хрещатик');
  await user.type(screen.getByRole('textbox', { name: 'Building' }), '22');
  await chooseCategory(user, 'гаряч');
}

describe('caller panel', { timeout: 20_000 }, () => {
  it('shows the caller’s earlier appeals while the phone is typed, with one lookup for the final number', async () => {
    const { user, fake } = await renderApp({ appeals: [storedAppeal()] });
    await user.type(screen.getByRole('textbox', { name: 'Phone' }), '067 123 45 67');
    const panel = screen.getByTestId('caller-panel');
    const history = await within(panel).findByRole('list', {
      name: 'Earlier appeals from +380 67 123 45 67',
    });
    const row = within(history).getByTestId('caller-appeal');
    expect(row).toHaveTextContent('1551-2026-000101');
    expect(row).toHaveTextContent('Відсутність гарячого водопостачання');
    expect(row).toHaveTextContent('In progress');
    expect(row).toHaveTextContent('due 02/11/2026 · overdue');
    expect(fake.callsTo('lookup:caller')).toEqual([{ phone: '+380671234567' }]);
  });

  it('says so when the number has no history', async () => {
    const { user } = await renderApp({ appeals: [storedAppeal()] });
    await user.type(screen.getByRole('textbox', { name: 'Phone' }), '0441112233');
    expect(await screen.findByText('No earlier appeals from this number.')).toBeInTheDocument();
  });

  it('lists open appeals at the same building however the street was typed, and opens one on click', async () => {
    const { user } = await renderApp({ appeals: [storedAppeal()] });
    await user.type(screen.getByRole('textbox', { name: 'Street' }), 'вул. Хрещатик');
    await user.type(screen.getByRole('textbox', { name: 'Building' }), '22');
    const list = await screen.findByRole('list', { name: 'Open appeals at the same address' });
    await user.click(within(list).getByTestId('caller-appeal'));
    const dialog = await screen.findByRole('dialog', { name: 'Appeal 1551-2026-000101' });
    expect(await within(dialog).findByText('No hot water for a week')).toBeInTheDocument();
    expect(within(dialog).getByText('Petro Shevchenko')).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(screen.getByRole('textbox', { name: 'Building' })).toHaveValue('22');
  });

  it('warns, citing Art. 8, that a repeat on an issue resolved on the merits is not considered', async () => {
    const resolved = storedAppeal({ status: 'closed', result: 'done' });
    const { user } = await renderApp({ appeals: [resolved] });
    await describeSameIssue(user);
    const warning = await screen.findByTestId('repeat-warning');
    expect(warning).toHaveTextContent('Repeated appeal on an issue already resolved');
    expect(warning).toHaveTextContent(
      'Appeal 1551-2026-000101 of 1 October 2026 on the same issue was resolved on the merits (Done).',
    );
    expect(warning).toHaveTextContent('Art. 8');
  });

  it('points to the open appeal on the same issue and links the new one to it when asked', async () => {
    const { user, fake } = await renderApp({ appeals: [storedAppeal()] });
    await user.click(screen.getByRole('radio', { name: 'Complaint' }));
    await describeSameIssue(user);
    await user.type(screen.getByRole('textbox', { name: 'Essence of the issue' }), 'Still no hot water');
    const notice = await screen.findByTestId('repeat-warning');
    expect(notice).toHaveTextContent('The same issue is already open');
    expect(within(notice).getByRole('button', { name: 'Open appeal 1551-2026-000101' })).toBeInTheDocument();
    await user.click(
      within(notice).getByRole('checkbox', { name: 'Register linked to appeal 1551-2026-000101' }),
    );
    await user.click(screen.getByRole('button', { name: 'Register appeal' }));
    await screen.findByTestId('saved-panel');
    expect(fake.callsTo('appeals:create')).toMatchObject([{ repeatOf: 'a-1' }]);
  });

  it('does not warn that the appeal just registered repeats itself', async () => {
    const { user, fake } = await renderApp({ appeals: [] });
    await user.click(screen.getByRole('radio', { name: 'Complaint' }));
    await user.type(screen.getByRole('textbox', { name: 'Essence of the issue' }), 'No hot water');
    await describeSameIssue(user);
    await user.click(screen.getByRole('button', { name: 'Register appeal' }));
    await screen.findByTestId('saved-panel');
    // The repeat check that was still waiting for a pause in typing runs after the save and finds
    // the new appeal itself as "the same issue, open".
    await waitFor(() => expect(fake.callsTo('appeals:checkRepeat').length).toBeGreaterThan(0));
    await new Promise((r) => setTimeout(r, 300));
    expect(screen.queryByTestId('repeat-warning')).not.toBeInTheDocument();
  });

  it('does not check for repeats until name, address and category are all known', async () => {
    const { user, fake } = await renderApp({ appeals: [storedAppeal()] });
    await user.type(screen.getByRole('textbox', { name: 'Full name' }), 'Petro Shevchenko');
    await user.type(screen.getByRole('textbox', { name: 'Street' }), 'Хрещатик');
    await user.type(screen.getByRole('textbox', { name: 'Building' }), '22');
    await screen.findByRole('list', { name: 'Open appeals at the same address' });
    expect(fake.callsTo('appeals:checkRepeat')).toEqual([]);
  });
});
