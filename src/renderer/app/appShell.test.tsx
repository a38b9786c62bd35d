import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { FeatureBoundary } from './FeatureBoundary';
import { renderApp } from '../test/renderApp';
import { translate } from '../i18n/translate';
import { alwaysConnected, type Connection, type ConnectionState } from './webApi';
import { createFakeApi } from '../test/fakeApi';
import { script } from '../test/fixtures';
import { fail, ok } from '../../shared/result';
import { startApp } from './startApp';
import { AppProviders } from './AppProviders';
import { App } from './App';

function controllableConnection(initial: ConnectionState) {
  let state = initial;
  const listeners = new Set<(s: ConnectionState) => void>();
  const connection: Connection = {
    getState: () => state,
    subscribe: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
  return {
    connection,
    set(next: ConnectionState) {
      state = next;
      for (const l of listeners) l(next);
    },
  };
}

describe('app shell', { timeout: 20_000 }, () => {
  it('shows the center, the operator and a reserved softphone region', async () => {
    await renderApp();
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Kyiv 1551');
    expect(screen.getByTestId('operator-name')).toHaveTextContent('Operator: Olena Kovalenko');
    const pane = screen.getByRole('region', { name: 'Softphone' });
    expect(pane).toHaveAttribute('data-testid', 'softphone-pane');
    expect(screen.getByRole('navigation', { name: 'Sections' })).toBeInTheDocument();
  });

  it('switches the interface language from the language control and saves the choice', async () => {
    const { user, fake } = await renderApp({ settings: { locale: 'uk', theme: 'light' } });
    expect(screen.getByRole('textbox', { name: 'Прізвище, ім’я, по батькові' })).toBeInTheDocument();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Мова' }), 'en');
    expect(await screen.findByRole('textbox', { name: 'Full name' })).toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: 'Language' })).toHaveValue('en');
    expect(screen.getByRole('button', { name: 'Register appeal' })).toBeInTheDocument();
    expect(fake.callsTo('settings:update')).toEqual([{ locale: 'en' }]);
    expect(document.documentElement.lang).toBe('en');
  });

  it('switches between the light and dark themes and saves the choice', async () => {
    const { user, fake } = await renderApp();
    const root = () => document.querySelector('[data-theme-mode]');
    expect(root()).toHaveAttribute('data-theme-mode', 'light');
    await user.click(screen.getByRole('button', { name: 'Switch to the dark theme' }));
    expect(root()).toHaveAttribute('data-theme-mode', 'dark');
    expect(screen.getByRole('button', { name: 'Switch to the light theme' })).toBeInTheDocument();
    expect(fake.callsTo('settings:update')).toEqual([{ theme: 'dark' }]);
  });

  it('shows when the connection to the workstation service is lost and when it is back', async () => {
    const conn = controllableConnection('connected');
    await renderApp({ connection: conn.connection });
    expect(screen.getByTestId('connection-state')).toHaveTextContent('Connected');
    act(() => conn.set('reconnecting'));
    expect(screen.getByTestId('connection-state')).toHaveTextContent('Connection lost, reconnecting…');
    expect(screen.getByRole('status', { name: /Connection to the workstation service/ })).toBeInTheDocument();
    act(() => conn.set('connected'));
    expect(screen.getByTestId('connection-state')).toHaveTextContent('Connected');
  });

  it('says what failed when the workstation cannot load, and loads on retry', async () => {
    let failing = true;
    const fake = createFakeApi({
      overrides: {
        'scripts:get': () => (failing ? fail('not_found', 'No call script intake') : ok(script())),
      },
    });
    const store = startApp(fake.api, alwaysConnected);
    render(
      <AppProviders store={store}>
        <App />
      </AppProviders>,
    );
    // Settings did not load either, so the message is in the default language, Ukrainian.
    expect(
      await screen.findByText('Робоче місце не завантажилося: No call script intake'),
    ).toBeInTheDocument();
    failing = false;
    fireEvent.click(screen.getByRole('button', { name: 'Спробувати ще раз' }));
    expect(await screen.findByRole('form', { name: 'New appeal' })).toBeInTheDocument();
  });
});

describe('feature error boundary', () => {
  it('replaces only the failed feature with a message and keeps its siblings', () => {
    const Boom = () => {
      throw new Error('boom');
    };
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const t = (key: Parameters<typeof translate>[1], vars?: Record<string, string | number>) =>
      translate('en', key, vars);
    render(
      <div>
        <FeatureBoundary feature="Appeals" t={t}>
          <Boom />
        </FeatureBoundary>
        <p>Intake still here</p>
      </div>,
    );
    expect(
      within(screen.getByRole('alert')).getByText(/“Appeals” stopped because of an error/),
    ).toBeInTheDocument();
    expect(screen.getByText('Intake still here')).toBeInTheDocument();
    errors.mockRestore();
  });
});
