import { screen, waitFor, within } from '@testing-library/react';
import { renderApp, type RenderedApp } from '../../test/renderApp';

type User = RenderedApp['user'];

async function openConsultations(user: User) {
  await user.click(screen.getByRole('tab', { name: 'Consultations' }));
  return screen.findByRole('form', { name: 'Consultation' });
}

async function choose(user: User, form: HTMLElement, name: string, words: string) {
  const input = within(form).getByRole('combobox', { name });
  await user.clear(input);
  await user.type(input, words);
  await user.keyboard('{Enter}');
}

describe('consultations', { timeout: 20_000 }, () => {
  it('records a question and the answer given, and lists it', async () => {
    const { user, fake } = await renderApp();
    const form = await openConsultations(user);
    expect(await screen.findByText('No consultations yet.')).toBeInTheDocument();
    await user.type(within(form).getByRole('textbox', { name: 'Phone' }), '0671234567');
    await user.type(
      within(form).getByRole('textbox', { name: 'Question' }),
      'Where to report a broken lift?',
    );
    await choose(user, form, 'Category', 'ліфт');
    await user.type(within(form).getByRole('textbox', { name: 'Answer given' }), 'Call the lift service');
    await user.click(within(form).getByRole('button', { name: 'Save consultation' }));
    expect(await screen.findByText('Consultation saved.')).toBeInTheDocument();
    expect(fake.callsTo('consultations:create')).toMatchObject([
      {
        phone: '+380671234567',
        categoryId: 't-elevator',
        executorId: 'e-lift',
        answer: 'Call the lift service',
      },
    ]);
    const item = await screen.findByTestId('consultation-item');
    expect(item).toHaveTextContent('Where to report a broken lift?');
    expect(item).toHaveTextContent('+380 67 123 45 67');
    expect(within(form).getByRole('textbox', { name: 'Question' })).toHaveValue('');
  });

  it('puts the cursor back in Phone for the next caller once a consultation is saved with Ctrl+S', async () => {
    const { user } = await renderApp();
    const form = await openConsultations(user);
    await user.type(within(form).getByRole('textbox', { name: 'Question' }), 'Opening hours?');
    await user.type(within(form).getByRole('textbox', { name: 'Answer given' }), 'From 8 to 17');
    await user.keyboard('{Control>}s{/Control}');
    expect(await screen.findByText('Consultation saved.')).toBeInTheDocument();
    await waitFor(() => expect(within(form).getByRole('textbox', { name: 'Phone' })).toHaveFocus());
  });

  it('says which fields are missing and does not send', async () => {
    const { user, fake } = await renderApp();
    const form = await openConsultations(user);
    await user.type(within(form).getByRole('textbox', { name: 'Question' }), 'Opening hours?');
    await user.click(within(form).getByRole('button', { name: 'Save consultation' }));
    expect(
      await screen.findByText('Answer given is required: ask the caller and fill it in.'),
    ).toBeInTheDocument();
    await waitFor(() => expect(within(form).getByRole('textbox', { name: 'Answer given' })).toHaveFocus());
    expect(fake.callsTo('consultations:create')).toEqual([]);
  });

  it('shows the chosen executor’s contacts, or says they are not on file', async () => {
    const { user } = await renderApp();
    const form = await openConsultations(user);
    await choose(user, form, 'Category', 'гаряч');
    const contacts = await screen.findByTestId('executor-contacts');
    expect(contacts).toHaveTextContent('+380442071000');
    expect(contacts).toHaveTextContent('Пн–Пт 8:00–17:00');
    await choose(user, form, 'Category', 'освітлення');
    expect(screen.getByTestId('executor-contacts')).toHaveTextContent('Contacts not on file');
  });

  it('finds executors in the directory by words of their name', async () => {
    const { user } = await renderApp();
    await openConsultations(user);
    await user.type(screen.getByRole('searchbox', { name: 'Directory search' }), 'київпас');
    const items = await screen.findAllByTestId('directory-item');
    expect(items).toHaveLength(1);
    expect(items[0]).toHaveTextContent('КП «Київпастранс»');
    expect(items[0]).toHaveTextContent('+380442545000');
  });
});
