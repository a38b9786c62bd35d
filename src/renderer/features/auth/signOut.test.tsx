// Signing out while some of the user's work is not on the server yet, and what the top bar says
// about changes that wait for someone else's sign-in or that the user's role may not make.
import { screen, waitFor, within } from '@testing-library/react';
import type { AuthSession } from '../../../shared/ipc/contract';
import { fail } from '../../../shared/result';
import { renderApp } from '../../test/renderApp';

const signedIn = (role: 'operator' | 'analyst' = 'operator'): AuthSession => ({
  serverConfigured: true,
  user: { id: 'u1', username: 'olena', name: 'Olena', role },
  mode: 'offline',
  message: null,
});
const loginForm = () => screen.findByRole('form', { name: 'Sign in to the workstation' });

describe('Signing out', { timeout: 20_000 }, () => {
  it('asks first while some of your changes are not uploaded, says how many, and stays on "Stay signed in"', async () => {
    const { user, fake } = await renderApp({
      server: { session: signedIn(), pendingChanges: { appeals: 2, consultations: 0, calls: 1 } },
    });
    await user.click(screen.getByRole('button', { name: 'Sign out' }));
    const dialog = await screen.findByRole('dialog', {
      name: 'Sign out? Some of your work is not on the server yet',
    });
    const list = within(dialog).getByRole('list', { name: 'Not uploaded yet' });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map((i) => i.textContent),
    ).toEqual(['Appeals: 2', 'Call records: 1']);
    expect(dialog).toHaveTextContent(/uploaded under your name the next time you sign in here/);
    expect(within(dialog).getByRole('button', { name: 'Stay signed in' })).toHaveFocus();

    await user.keyboard('{Enter}');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(fake.callsTo('auth:logout')).toHaveLength(0);
    expect(screen.getByRole('button', { name: 'Sign out' })).toBeInTheDocument();
  });

  it('signs out on "Sign out anyway", leaving the changes for your next sign-in', async () => {
    const { user, fake } = await renderApp({
      server: { session: signedIn(), pendingChanges: { appeals: 1, consultations: 1, calls: 0 } },
    });
    await user.click(screen.getByRole('button', { name: 'Sign out' }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Sign out anyway' }));
    await loginForm();
    expect(fake.callsTo('auth:logout')).toHaveLength(1);
  });

  it('signs out at once when everything you did is on the server', async () => {
    const { user, fake } = await renderApp({ server: { session: signedIn() } });
    await user.click(screen.getByRole('button', { name: 'Sign out' }));
    await loginForm();
    expect(fake.callsTo('auth:pendingChanges')).toHaveLength(1);
    expect(fake.callsTo('auth:logout')).toHaveLength(1);
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });
});

describe('The top bar', { timeout: 20_000 }, () => {
  it("counts other users' changes apart from yours: they wait for their authors' sign-in", async () => {
    await renderApp({
      server: { session: signedIn(), sync: { online: true, waiting: 1, waitingForOthers: 3 } },
    });
    expect(screen.getByTestId('sync-state')).toHaveTextContent('Online · 1 waiting');
    expect(screen.getByTestId('sync-waiting-for-others')).toHaveTextContent(
      "3 waiting for other users' sign-in",
    );
  });
});

describe('A user whose role main refuses to let register appeals', { timeout: 20_000 }, () => {
  it('is told so in its language when saving, instead of the appeal waiting to be refused later', async () => {
    const { user } = await renderApp({
      server: { session: signedIn('operator') },
      overrides: { 'appeals:create': () => fail('forbidden', 'Your role cannot register appeals') },
    });
    const textbox = (name: string) => screen.getByRole('textbox', { name });
    await user.click(screen.getByRole('radio', { name: 'Complaint' }));
    await user.type(textbox('Full name'), 'Ivan Petrenko');
    await user.type(textbox('Phone'), '0671234567');
    await user.type(textbox('Street'), 'Хрещатик');
    await user.type(textbox('Building'), '22');
    await user.type(textbox('Essence of the issue'), 'No hot water since Monday');
    const category = screen.getByRole('combobox', { name: 'Category' });
    await user.click(category);
    await user.type(category, 'гаряч');
    await user.keyboard('{Enter}');
    await user.click(screen.getByRole('button', { name: 'Register appeal' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Not registered: your role cannot register appeals.',
    );
  });
});

describe('After signing out', { timeout: 20_000 }, () => {
  it('the top bar names nobody, and the agent state cannot be made available until someone signs in', async () => {
    const { user } = await renderApp({ server: { session: signedIn() } });
    expect(screen.getByTestId('operator-name')).toHaveTextContent('Operator: Olena');
    expect(screen.getByTestId('agent-state')).not.toHaveAttribute('aria-disabled');
    await user.click(screen.getByRole('button', { name: 'Sign out' }));
    await loginForm();
    expect(screen.queryByTestId('operator-name')).not.toBeInTheDocument();
    expect(screen.getByTestId('agent-state')).toHaveAttribute('aria-disabled', 'true');
    expect(screen.getByTestId('agent-off-duty')).toHaveTextContent('sign in to take calls');
  });

  it('a workstation without a server keeps the agent state offline and says why', async () => {
    await renderApp();
    expect(screen.getByTestId('operator-name')).toHaveTextContent('Operator: Olena Kovalenko');
    expect(screen.getByTestId('agent-state')).toHaveAttribute('aria-disabled', 'true');
    expect(screen.getByTestId('agent-off-duty')).toHaveTextContent('no central server');
  });
});
