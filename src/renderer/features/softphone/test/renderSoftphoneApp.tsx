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
  const fake = createFakeApi({ softphone: { config: sipConfig() }, ...options });
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
