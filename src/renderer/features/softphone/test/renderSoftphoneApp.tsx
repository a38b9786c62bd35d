// The whole app over the fake Api and a fake softphone adapter, signed in with SIP credentials.
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { SoftphoneConfig } from '../../../../shared/softphone';
import { App } from '../../../app/App';
import { AppProviders } from '../../../app/AppProviders';
import { startApp } from '../../../app/startApp';
import { alwaysConnected } from '../../../app/webApi';
import { createFakeSoftphone, type FakeSoftphone } from '../../../softphone/test/fakeSoftphone';
import { createFakeApi, type FakeApi, type FakeApiOptions } from '../../../test/fakeApi';
import { appInfo } from '../../../test/fixtures';

export const sipConfig = (wrapUpSeconds = 30): SoftphoneConfig => ({
  configured: true,
  sip: {
    username: 'op1',
    domain: 'pbx.test',
    ha1: '0123456789abcdef0123456789abcdef',
    wsUri: 'wss://pbx.test:8443',
    hotline: '1551',
    iceServers: [],
    displayName: 'Olena Kovalenko',
    wrapUpSeconds,
  },
});

export async function renderSoftphoneApp(
  options: FakeApiOptions & { softphoneFake?: FakeSoftphone } = {},
): Promise<{ fake: FakeApi; phone: FakeSoftphone; user: ReturnType<typeof userEvent.setup> }> {
  // The server issues SIP credentials only at a sign-in: the softphone works signed in (as the
  // operator the fake Api records as author).
  const server = {
    session: {
      serverConfigured: true,
      user: { id: appInfo().operatorId, username: 'op1', name: 'Olena Kovalenko', role: 'operator' as const },
      mode: 'online' as const,
      message: null,
    },
  };
  const fake = createFakeApi({ softphone: { config: sipConfig() }, server, ...options });
  const phone = options.softphoneFake ?? createFakeSoftphone();
  const store = startApp(fake.api, alwaysConnected, {
    lookupDelayMs: 20,
    searchDelayMs: 20,
    softphone: phone,
  });
  const user = userEvent.setup({ delay: null });
  render(
    <AppProviders store={store}>
      <App />
    </AppProviders>,
  );
  await screen.findByRole('form', { name: /new appeal/i });
  return { fake, phone, user };
}
