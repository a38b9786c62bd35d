import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '../app/App';
import { AppProviders } from '../app/AppProviders';
import { selectShownView } from '../app/navigationSlice';
import { startApp } from '../app/startApp';
import { selectNeedsSignIn } from '../features/auth/authSlice';
import { alwaysConnected, type Connection } from '../app/webApi';
import { createFakeApi, type FakeApi, type FakeApiOptions } from './fakeApi';

export interface RenderedApp {
  fake: FakeApi;
  store: ReturnType<typeof startApp>;
  user: ReturnType<typeof userEvent.setup>;
}

/** The whole app over the fake Api, loaded and on the home screen of the user's role. */
export async function renderApp(
  options: FakeApiOptions & { fake?: FakeApi; connection?: Connection } = {},
): Promise<RenderedApp> {
  const fake = options.fake ?? createFakeApi(options);
  const store = startApp(fake.api, options.connection ?? alwaysConnected, {
    lookupDelayMs: 20,
    searchDelayMs: 20,
  });
  const user = userEvent.setup({ delay: null });
  render(
    <AppProviders store={store}>
      <App />
    </AppProviders>,
  );
  await waitFor(() => {
    const state = store.getState();
    if (state.app.load !== 'loaded' || state.auth.session === null) throw new Error('still loading');
  });
  const state = store.getState();
  if (!selectNeedsSignIn(state) && selectShownView(state) === 'intake')
    await screen.findByRole('form', { name: /new appeal|нове звернення|новое обращение|жаңа өтініш/i });
  // The cockpit is a chunk of its own (lazy): its first import in a test run takes a while.
  else if (selectShownView(state) === 'cockpit')
    await screen.findByTestId('cockpit', {}, { timeout: 20_000 });
  else if (selectShownView(state) === 'worklists')
    await waitFor(() => {
      if (store.getState().worklists.status !== 'loaded') throw new Error('list still loading');
    });
  return { fake, store, user };
}
