import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '../../app/App';
import { AppProviders } from '../../app/AppProviders';
import { startApp } from '../../app/startApp';
import { alwaysConnected } from '../../app/webApi';
import { createFakeApi, type FakeApiOptions } from '../../test/fakeApi';

function renderWith(options: FakeApiOptions) {
  const fake = createFakeApi(options);
  const store = startApp(fake.api, alwaysConnected, { lookupDelayMs: 20, searchDelayMs: 20 });
  render(
    <AppProviders store={store}>
      <App />
    </AppProviders>,
  );
  return { fake, user: userEvent.setup({ delay: null }) };
}

const intakeForm = () => screen.findByRole('form', { name: /new appeal/i });

describe('Sign-in', () => {
  it('is not asked for when no server is configured', async () => {
    renderWith({});
    await intakeForm();
    expect(screen.queryByRole('form', { name: 'Sign in to the workstation' })).toBeNull();
    expect(screen.queryByTestId('sync-state')).toBeNull();
  });

  it('shows the login screen, reports a wrong password and opens the workstation on the right one, by keyboard', async () => {
    const { user, fake } = renderWith({ server: { accounts: { olena: 'secret' } } });
    const form = await screen.findByRole('form', { name: 'Sign in to the workstation' });
    expect(within(form).getByLabelText(/Username/)).toHaveFocus();
    await user.keyboard('olena');
    await user.tab();
    await user.keyboard('wrong{Enter}');
    expect(await screen.findByRole('alert')).toHaveTextContent('Wrong username or password');
    await user.clear(within(form).getByLabelText(/Password/));
    await user.type(within(form).getByLabelText(/Password/), 'secret{Enter}');
    await intakeForm();
    expect(fake.callsTo('auth:login')).toHaveLength(2);
  });

  it('says when the server is unreachable and offline sign-in is not possible', async () => {
    const { user } = renderWith({ server: { reachable: false, offlineVerifiers: {} } });
    await screen.findByRole('form', { name: 'Sign in to the workstation' });
    await user.keyboard('olena');
    await user.tab();
    await user.keyboard('secret{Enter}');
    expect(await screen.findByRole('alert')).toHaveTextContent(/cannot be reached .* never signed in/);
  });

  it('signs in offline with the stored verifier and says so in the sync state', async () => {
    const { user } = renderWith({
      server: {
        reachable: false,
        offlineVerifiers: { olena: 'secret' },
        sync: { online: false, offlineSince: '2026-11-23T07:05:00.000Z', waiting: 3 },
      },
    });
    await screen.findByRole('form', { name: 'Sign in to the workstation' });
    await user.keyboard('olena');
    await user.tab();
    await user.keyboard('secret{Enter}');
    await intakeForm();
    expect(screen.getByTestId('sync-state')).toHaveTextContent(/Offline since \d\d:05 · 3 waiting/);
  });
});

describe('A refused sign-in in Ukrainian', () => {
  const uk = { locale: 'uk', theme: 'light' } as const;
  const signInAs = async (user: ReturnType<typeof userEvent.setup>, username: string, password: string) => {
    await screen.findByRole('form', { name: 'Вхід до робочого місця' });
    await user.keyboard(username);
    await user.tab();
    await user.keyboard(`${password}{Enter}`);
    return screen.findByRole('alert');
  };

  it('says a wrong password in Ukrainian, not in main’s English', async () => {
    const { user } = renderWith({ settings: uk, server: { accounts: { olena: 'secret' } } });
    expect(await signInAs(user, 'olena', 'wrong')).toHaveTextContent(
      /^Неправильне ім’я користувача або пароль$/,
    );
  });

  it('says both offline refusals in Ukrainian, naming the account tried', async () => {
    const { user } = renderWith({
      settings: uk,
      server: { reachable: false, offlineVerifiers: { olena: 'secret' } },
    });
    expect(await signInAs(user, 'ivan', 'secret')).toHaveTextContent(
      'Сервер недоступний, а «ivan» ще жодного разу не входив на цьому робочому місці онлайн',
    );
    await user.clear(screen.getByLabelText(/Ім’я користувача/));
    await user.clear(screen.getByLabelText(/Пароль/));
    await user.click(screen.getByLabelText(/Ім’я користувача/));
    const alert = await signInAs(user, 'olena', 'wrong');
    await waitFor(() =>
      expect(alert).toHaveTextContent(/^Неправильний пароль \(перевірено на цьому робочому місці/),
    );
  });

  it('says why the server ended the session in Ukrainian', async () => {
    renderWith({
      settings: uk,
      server: {
        session: {
          serverConfigured: true,
          user: null,
          mode: null,
          message:
            'The server ended the session (the account was disabled or the password changed): sign in again',
          messageCode: 'session_ended',
        },
      },
    });
    await screen.findByRole('form', { name: 'Вхід до робочого місця' });
    expect(screen.getByText(/^Сервер завершив сеанс/)).toBeInTheDocument();
  });
});

describe('The sync state in the top bar', () => {
  const signedIn = {
    serverConfigured: true,
    user: { id: 'u1', username: 'olena', name: 'Olena', role: 'operator' as const },
    mode: 'online' as const,
    message: null,
  };

  it('shows online, syncs on demand and follows announced changes', async () => {
    const { user, fake } = renderWith({ server: { session: signedIn } });
    await intakeForm();
    expect(screen.getByTestId('sync-state')).toHaveTextContent('Online');
    await user.click(screen.getByRole('button', { name: 'Sync now' }));
    expect(fake.callsTo('sync:now')).toHaveLength(1);
    fake.emit('sync:changed', {
      configured: true,
      online: true,
      offlineSince: null,
      waiting: 2,
      waitingForOthers: 0,
      rejected: 0,
      lastSyncAt: null,
      lastError: null,
      syncing: false,
    });
    expect(await screen.findByText('Online · 2 waiting')).toBeInTheDocument();
  });

  it('lists the changes the server refused, with the reason', async () => {
    const { user } = renderWith({
      server: {
        session: signedIn,
        rejections: [
          {
            mutationId: 'm1',
            seq: 4,
            entityType: 'appeal',
            entityId: 'a1',
            label: 'W-2026-000004',
            code: 'unknown_reference',
            message: 'The question type is retired on the server',
            rejectedAt: '2026-11-23T08:00:00.000Z',
          },
        ],
      },
    });
    await intakeForm();
    await user.click(screen.getByRole('button', { name: '1 rejected' }));
    const dialog = await screen.findByRole('dialog', { name: 'Changes the server refused' });
    expect(dialog).toHaveTextContent('W-2026-000004 — The question type is retired on the server');
  });
});
