import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { App } from '../app/App';
import { AppProviders } from '../app/AppProviders';
import { startApp } from '../app/startApp';
import { alwaysConnected, type Connection } from '../app/webApi';
import { createFakeApi, type FakeApi, type FakeApiOptions } from './fakeApi';

export interface RenderedApp {
  fake: FakeApi;
  store: ReturnType<typeof startApp>;
  user: ReturnType<typeof userEvent.setup>;
}

/** The whole app over the fake Api, loaded and ready for the operator. */
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
  await screen.findByRole('form', { name: /new appeal|нове звернення|новое обращение|жаңа өтініш/i });
  return { fake, store, user };
}
