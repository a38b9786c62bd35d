import { screen, waitFor, within } from '@testing-library/react';
import { fail } from '../../../shared/result';
import { renderApp, type RenderedApp } from '../../test/renderApp';
import { appInfo } from '../../test/fixtures';

type User = RenderedApp['user'];

const textbox = (name: string) => screen.getByRole('textbox', { name });

export async function chooseCategory(user: User, words: string) {
  const input = screen.getByRole('combobox', { name: 'Category' });
  await user.click(input);
  await user.type(input, words);
  await user.keyboard('{Enter}');
}

export async function fillValidAppeal(user: User, { essence = true } = {}) {
  await user.click(screen.getByRole('radio', { name: 'Complaint' }));
  await user.type(textbox('Full name'), 'Ivan Petrenko');
  await user.type(screen.getByRole('textbox', { name: 'Phone' }), '0671234567');
  await user.type(textbox('Street'), 'Хрещатик');
  await user.type(textbox('Building'), '22');
  if (essence) await user.type(textbox('Essence of the issue'), 'No hot water since Monday');
  await chooseCategory(user, 'гаряч');
}

describe('intake form', { timeout: 20_000 }, () => {
  it('shows a message naming the field for a bad phone once the operator leaves it, not while typing', async () => {
    const { user } = await renderApp();
    const phone = screen.getByRole('textbox', { name: 'Phone' });
    await user.type(phone, '12345');
    expect(screen.queryByText(/not a phone number/i)).not.toBeInTheDocument();
    await user.tab();
    expect(
      await screen.findByText('Phone: not a phone number. Type it as +380XXXXXXXXX or 0XXXXXXXXX.'),
    ).toBeVisible();
    expect(phone).toHaveAttribute('aria-invalid', 'true');
  });

  it('refuses to save without the essence, says why and puts the cursor there', async () => {
    const { user, fake } = await renderApp();
    await fillValidAppeal(user, { essence: false });
    await user.click(screen.getByRole('button', { name: 'Register appeal' }));
    expect(
      await screen.findByText('Essence of the issue is required: ask the caller and fill it in.'),
    ).toBeVisible();
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Not registered: correct the highlighted fields (1).',
    );
    await waitFor(() => expect(textbox('Essence of the issue')).toHaveFocus());
    expect(fake.callsTo('appeals:create')).toHaveLength(0);
  });

  it('picks the category by words with Enter and routes to its default executor', async () => {
    const { user } = await renderApp();
    await chooseCategory(user, 'гаряч');
    expect(screen.getByRole('combobox', { name: 'Category' })).toHaveValue(
      'Відсутність гарячого водопостачання',
    );
    expect(screen.getByRole('combobox', { name: 'Executor' })).toHaveValue('ПАТ «Київтеплоенерго»');
  });

  it('defaults the city to the center’s city and the channel to a phone call', async () => {
    await renderApp();
    expect(textbox('City')).toHaveValue('Київ');
    expect(screen.getByRole('combobox', { name: 'Channel' })).toHaveValue('phone');
  });

  it('warns that an appeal without a name cannot be registered and offers a consultation instead', async () => {
    const { user, store } = await renderApp();
    await user.type(screen.getByRole('textbox', { name: 'Phone' }), '0671234567');
    await user.type(textbox('Essence of the issue'), 'When is the water back?');
    const banner = await screen.findByTestId('anonymous-banner');
    expect(banner).toHaveTextContent('This cannot be registered as an appeal');
    expect(banner).toHaveTextContent('Missing: full name, address');
    expect(banner).toHaveTextContent('Art. 8');
    await user.click(within(banner).getByRole('button', { name: 'Record as consultation' }));
    expect(store.getState().navigation.view).toBe('consultations');
    expect(await screen.findByRole('textbox', { name: 'Question' })).toHaveValue('When is the water back?');
    expect(screen.getByRole('textbox', { name: 'Phone' })).toHaveValue('0671234567');
  });

  it('registers the appeal and reads back the number and the deadline in the operator’s language', async () => {
    const { user, fake } = await renderApp({ today: '2026-11-23' });
    await fillValidAppeal(user);
    await user.click(screen.getByRole('button', { name: 'Register appeal' }));
    const saved = await screen.findByTestId('saved-panel');
    expect(within(saved).getByTestId('saved-number')).toHaveTextContent('P-7K3M-000001');
    // A month from 23 November 2026 (Art. 20), a Wednesday.
    expect(within(saved).getByTestId('saved-deadline')).toHaveTextContent('23 December 2026');
    expect(screen.getByTestId('script-say')).toHaveTextContent(
      'Your appeal is registered under number P-7K3M-000001. The answer is due by 23 December 2026.',
    );
    const [sent] = fake.callsTo('appeals:create') as {
      applicant: { phones: string[] };
      executorId: string;
    }[];
    expect(sent!.applicant.phones).toEqual(['+380671234567']);
    expect(sent!.executorId).toBe('e-teplo');
    expect(textbox('Full name')).toBeDisabled();
  });

  it('starts a new appeal from a clean form with the default city', async () => {
    const { user } = await renderApp();
    await fillValidAppeal(user);
    await user.click(screen.getByRole('button', { name: 'Register appeal' }));
    await user.click(await screen.findByRole('button', { name: 'New appeal' }));
    expect(textbox('Full name')).toHaveValue('');
    expect(textbox('Full name')).toBeEnabled();
    expect(textbox('City')).toHaveValue('Київ');
    expect(screen.queryByTestId('saved-panel')).not.toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole('radio', { name: 'Proposal or remark' })).toHaveFocus());
  });

  it('keeps the cursor in the field while a save is under way and after the service refuses it', async () => {
    let refuse: (r: ReturnType<typeof fail>) => void = () => undefined;
    const { user } = await renderApp({
      overrides: { 'appeals:create': () => new Promise((resolve) => (refuse = resolve)) },
    });
    await fillValidAppeal(user, { essence: false });
    await user.type(textbox('Essence of the issue'), 'No hot water');
    await user.keyboard('{Control>}s{/Control}');
    expect(await screen.findByRole('button', { name: 'Registering…' })).toBeDisabled();
    expect(textbox('Essence of the issue')).toBeEnabled();
    expect(textbox('Essence of the issue')).toHaveFocus();
    // What is typed while the draft is being stored would not be in the stored appeal: not taken.
    await user.keyboard('!');
    expect(textbox('Essence of the issue')).toHaveValue('No hot water');
    refuse(fail('storage_error', 'The store is busy'));
    expect(await screen.findByText(/The store is busy/)).toBeVisible();
    expect(textbox('Essence of the issue')).toHaveFocus();
    await user.keyboard(' since Monday');
    expect(textbox('Essence of the issue')).toHaveValue('No hot water since Monday');
  });

  it('shows problems the service reports under the field they belong to', async () => {
    const { user } = await renderApp({
      overrides: {
        'appeals:create': () =>
          fail('invalid_input', 'Invalid', [
            { path: 'applicant.address.street', code: 'too_long', message: 'At most 120 characters' },
          ]),
      },
    });
    await fillValidAppeal(user);
    await user.click(screen.getByRole('button', { name: 'Register appeal' }));
    expect(await screen.findByText('Street is too long: at most 120 characters. Shorten it.')).toBeVisible();
    await waitFor(() => expect(textbox('Street')).toHaveFocus());
  });

  it('asks before Ctrl+N or “Discard draft” drops typed work, and keeps it unless told otherwise', async () => {
    const { user } = await renderApp();
    await user.type(textbox('Full name'), 'Ivan Petrenko');
    await user.click(screen.getByRole('button', { name: 'Register appeal' }));
    expect(await screen.findByText(/Not registered: correct the highlighted fields/)).toBeVisible();

    await user.keyboard('{Control>}n{/Control}');
    const dialog = await screen.findByRole('dialog', { name: 'Discard this draft?' });
    expect(dialog).toHaveTextContent('What you typed is not registered and will be lost.');
    await user.click(within(dialog).getByRole('button', { name: 'Keep editing' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(textbox('Full name')).toHaveValue('Ivan Petrenko');

    await user.click(screen.getByRole('button', { name: 'Discard draft…' }));
    const again = await screen.findByRole('dialog', { name: 'Discard this draft?' });
    await user.click(within(again).getByRole('button', { name: 'Discard and start anew' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(textbox('Full name')).toHaveValue('');
    expect(screen.queryByText(/Not registered: correct the highlighted fields/)).not.toBeInTheDocument();
    expect(textbox('Full name')).not.toHaveAttribute('aria-invalid', 'true');
    await waitFor(() => expect(screen.getByRole('radio', { name: 'Proposal or remark' })).toHaveFocus());
    expect(screen.getByRole('button', { name: 'Discard draft…' })).toBeDisabled();
  });

  it('starts a clean form once the consultation it was turned into is saved', async () => {
    const { user } = await renderApp();
    await user.type(screen.getByRole('textbox', { name: 'Phone' }), '0671234567');
    await user.type(textbox('Essence of the issue'), 'When is the water back?');
    await user.click(screen.getByRole('button', { name: 'Register appeal' }));
    const banner = await screen.findByTestId('anonymous-banner');
    await user.click(within(banner).getByRole('button', { name: 'Record as consultation' }));
    await user.type(await screen.findByRole('textbox', { name: 'Answer given' }), 'Tomorrow by 18:00');
    await user.click(screen.getByRole('button', { name: 'Save consultation' }));
    expect(await screen.findByText('Consultation saved.')).toBeInTheDocument();

    await user.keyboard('{Control>}n{/Control}');
    expect(await screen.findByRole('form', { name: 'New appeal' })).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(textbox('Essence of the issue')).toHaveValue('');
    expect(screen.getByRole('textbox', { name: 'Phone' })).toHaveValue('');
    expect(screen.queryByTestId('anonymous-banner')).not.toBeInTheDocument();
    expect(screen.queryByText(/Not registered: correct the highlighted fields/)).not.toBeInTheDocument();
  });

  it('keeps the draft when the operator looks at another screen', async () => {
    const { user } = await renderApp();
    await user.type(textbox('Full name'), 'Ivan Petrenko');
    await user.click(screen.getByRole('tab', { name: 'Appeals' }));
    await user.click(screen.getByRole('tab', { name: 'New appeal' }));
    expect(await screen.findByRole('textbox', { name: 'Full name' })).toHaveValue('Ivan Petrenko');
  });

  it('asks for the IIN only under the Kazakh rule set', async () => {
    await renderApp();
    expect(screen.queryByRole('textbox', { name: 'IIN' })).not.toBeInTheDocument();
  });

  it('asks for the IIN and explains a wrong one under the Kazakh rule set', async () => {
    const { user } = await renderApp({ info: appInfo({ ruleSet: 'kz' }) });
    await user.type(textbox('IIN'), '123456789012');
    await user.tab();
    expect(await screen.findByText(/IIN: an IIN is 12 digits with a valid check digit/)).toBeVisible();
  });

  it('lays the form out by the call script and shows what to say for the focused step', async () => {
    const { user } = await renderApp();
    await user.click(textbox('Street'));
    expect(screen.getByTestId('script-say')).toHaveTextContent('What is your address?');
    const section = document.querySelector<HTMLElement>('[data-step-id="address"]')!;
    expect(within(section).getByRole('heading', { name: '4. Address' })).toBeInTheDocument();
    expect(within(section).getByRole('textbox', { name: 'Building' })).toBeInTheDocument();
  });

  it('shows the complaint-only step of the script only for complaints', async () => {
    const { user } = await renderApp();
    const steps = screen.getByTestId('script-steps');
    expect(within(steps).queryByText('Decision complained of')).not.toBeInTheDocument();
    await user.click(screen.getByRole('radio', { name: 'Complaint' }));
    expect(within(steps).getByText('Decision complained of')).toBeInTheDocument();
  });

  it('numbers the sections as the script numbers its steps, with no gap for a step without fields', async () => {
    const { user } = await renderApp();
    await user.click(screen.getByRole('radio', { name: 'Complaint' }));
    const form = screen.getByRole('form', { name: 'New appeal' });
    const headings = within(form)
      .getAllByRole('heading', { level: 3 })
      .map((h) => h.textContent);
    expect(headings).toEqual([
      '1. Greeting · 2. Kind of appeal',
      '3. Applicant',
      '4. Address',
      '5. The issue · 6. Decision complained of',
      '7. Further details',
    ]);
    // Alt+6 reaches the shared step: the cursor goes to the essence and the script says step 6.
    await user.keyboard('{Alt>}6{/Alt}');
    await waitFor(() => expect(textbox('Essence of the issue')).toHaveFocus());
    expect(screen.getByTestId('script-say')).toHaveTextContent('Which decision do you complain about');
  });

  it('asks for the number of signatories of a collective appeal', async () => {
    const { user } = await renderApp();
    await user.click(screen.getByRole('checkbox', { name: 'Collective appeal' }));
    await user.type(textbox('Number of signatories'), '1');
    await user.tab();
    expect(await screen.findByText(/a collective appeal needs the number of signatories/)).toBeVisible();
  });
});
