import { screen, waitFor, within } from '@testing-library/react';
import { renderApp } from '../../test/renderApp';
import { incidentView, type FakeIncident } from '../../test/fakeIncidents';
import { serverAs } from '../../test/roles';
import type { RenderedApp } from '../../test/renderApp';

type User = RenderedApp['user'];
const textbox = (name: string) => screen.getByRole('textbox', { name });

async function chooseCategory(user: User, words: string) {
  const input = screen.getByRole('combobox', { name: 'Category' });
  await user.click(input);
  await user.type(input, words);
  await user.keyboard('{Enter}');
}

/** Puts the text in the field at once (each keystroke of the essence also asks for suggestions). */
async function fill(user: User, field: HTMLElement, text: string) {
  await user.click(field);
  await user.paste(text);
}

/** A complaint about hot water at Хрещатик 22, ready to register. */
async function fillValidAppeal(user: User) {
  await user.click(screen.getByRole('radio', { name: 'Complaint' }));
  await fill(user, textbox('Full name'), 'Ivan Petrenko');
  await fill(user, screen.getByRole('textbox', { name: 'Phone' }), '0671234567');
  await fill(user, textbox('Street'), 'Хрещатик');
  await fill(user, textbox('Building'), '22');
  await fill(user, textbox('Essence of the issue'), 'No hot water since Monday');
  await chooseCategory(user, 'гаряч');
}

const burstMain = (patch: Partial<FakeIncident> = {}): FakeIncident => ({
  incident: incidentView({ id: 'inc-water', categoryGroupId: 'g-housing', appealCount: 7 }),
  building: { city: 'Київ', street: 'Хрещатик', building: '22' },
  appeals: [],
  ...patch,
});

describe('known incident for the operator', { timeout: 60_000 }, () => {
  it('shows the incident at the caller’s building with its group, size and the words to read', async () => {
    const { user } = await renderApp({
      server: serverAs('operator'),
      incidents: { incidents: [burstMain()] },
    });
    await user.type(textbox('Street'), 'Хрещатик');
    await user.type(textbox('Building'), '22');
    const hint = await screen.findByTestId('caller-incident');
    expect(hint).toHaveTextContent('Known incident');
    expect(hint).toHaveTextContent('Housing and utilities · since');
    expect(hint).toHaveTextContent('7 appeals');
    expect(within(hint).getByTestId('caller-incident-script')).toHaveTextContent(
      'We already know about this problem at Київ, вул. Хрещатик 22 (Housing and utilities)',
    );
  });

  it('links the appeal with Alt+L while typing, says so on the form, and links it once registered', async () => {
    const { user, fake } = await renderApp({
      server: serverAs('operator'),
      incidents: { incidents: [burstMain()] },
    });
    await fillValidAppeal(user);
    await screen.findByTestId('caller-incident');
    textbox('Essence of the issue').focus();
    await user.keyboard('{Alt>}l{/Alt}');
    expect(await screen.findByTestId('incident-link-status')).toHaveTextContent(
      'This appeal will be linked to the known incident: Housing and utilities, Київ, вул. Хрещатик 22.',
    );
    // The key typed no letter into the field the cursor was in.
    expect(textbox('Essence of the issue')).toHaveValue('No hot water since Monday');
    await user.keyboard('{Control>}s{/Control}');
    await screen.findByTestId('saved-panel');
    await waitFor(() =>
      expect(screen.getByTestId('incident-link-status')).toHaveTextContent('Linked to the known incident'),
    );
    expect(fake.incidents.links).toEqual([{ incidentId: 'inc-water', appealId: fake.appeals[0]!.id }]);
  });

  it('takes the choice back with Alt+L again, and registers without a link', async () => {
    const { user, fake } = await renderApp({
      server: serverAs('operator'),
      incidents: { incidents: [burstMain()] },
    });
    await fillValidAppeal(user);
    await screen.findByTestId('caller-incident');
    await user.keyboard('{Alt>}l{/Alt}');
    await screen.findByTestId('incident-link-status');
    await user.keyboard('{Alt>}l{/Alt}');
    await waitFor(() => expect(screen.queryByTestId('incident-link-status')).not.toBeInTheDocument());
    await user.keyboard('{Control>}s{/Control}');
    await screen.findByTestId('saved-panel');
    expect(fake.incidents.links).toEqual([]);
  });

  it('says the link waits for the push when the appeal is not on the server yet', async () => {
    const { user } = await renderApp({
      server: serverAs('operator'),
      incidents: { incidents: [burstMain()] },
      overrides: { 'incidents:link': () => ({ ok: true, value: { state: 'queued' } }) },
    });
    await fillValidAppeal(user);
    await screen.findByTestId('caller-incident');
    await user.click(screen.getByTestId('incident-link-toggle'));
    await user.keyboard('{Control>}s{/Control}');
    await waitFor(() =>
      expect(screen.getByTestId('incident-link-status')).toHaveTextContent(
        'as soon as the appeal reaches the server',
      ),
    );
  });

  it('shows a feedback operator the hint without the link, which the server would refuse them', async () => {
    const { user } = await renderApp({
      server: serverAs('feedback'),
      incidents: { incidents: [burstMain()] },
    });
    await user.click(screen.getByRole('tab', { name: 'New appeal' }));
    await fill(user, textbox('Street'), 'Хрещатик');
    await fill(user, textbox('Building'), '22');
    const hint = await screen.findByTestId('caller-incident');
    expect(within(hint).queryByTestId('incident-link-toggle')).not.toBeInTheDocument();
    await user.keyboard('{Alt>}l{/Alt}');
    expect(screen.queryByTestId('incident-link-status')).not.toBeInTheDocument();
  });

  it('hides the hint once the chosen category belongs to another group', async () => {
    const { user } = await renderApp({
      server: serverAs('operator'),
      incidents: { incidents: [burstMain()] },
    });
    await user.type(textbox('Street'), 'Хрещатик');
    await user.type(textbox('Building'), '22');
    await screen.findByTestId('caller-incident');
    await chooseCategory(user, 'транспорт');
    await waitFor(() => expect(screen.queryByTestId('caller-incident')).not.toBeInTheDocument());
  });

  it('offline: no hint, no error, and the appeal registers exactly as without incidents', async () => {
    const { user, fake } = await renderApp({
      server: serverAs('operator'),
      incidents: { incidents: [burstMain()], offline: true },
    });
    await fillValidAppeal(user);
    await waitFor(() => expect(fake.callsTo('incidents:near').length).toBeGreaterThan(0));
    expect(screen.queryByTestId('caller-incident')).not.toBeInTheDocument();
    await user.keyboard('{Alt>}l{/Alt}');
    await user.keyboard('{Control>}s{/Control}');
    await screen.findByTestId('saved-panel');
    expect(screen.queryByTestId('incident-link-status')).not.toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(fake.incidents.links).toEqual([]);
  });
});
