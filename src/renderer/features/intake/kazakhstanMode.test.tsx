// The intake form of a Kazakhstan center (`ruleSet: "kz"` in workstation.json): the IIN the law
// requires (APC Art. 63) and Kazakhstan's own statutory benefit categories.
import { screen, within } from '@testing-library/react';
import { appInfo } from '../../test/fixtures';
import { renderApp, type RenderedApp } from '../../test/renderApp';

const textbox = (name: string) => screen.getByRole('textbox', { name });

async function fillAllButIin(user: RenderedApp['user']) {
  await user.click(screen.getByRole('radio', { name: 'Complaint' }));
  await user.type(textbox('Full name'), 'Сейткали Айгерим');
  await user.type(textbox('Phone'), '87011234567');
  await user.type(textbox('Street'), 'Абай даңғылы');
  await user.type(textbox('Building'), '10');
  await user.type(textbox('Essence of the issue'), 'No heating in the flat since Monday');
  const category = screen.getByRole('combobox', { name: 'Category' });
  await user.click(category);
  await user.type(category, 'гаряч');
  await user.keyboard('{Enter}');
}

describe('intake under the Kazakh rule set', { timeout: 30_000 }, () => {
  it('offers Kazakhstan’s statutory benefit categories, not Ukraine’s', async () => {
    await renderApp({ info: appInfo({ ruleSet: 'kz' }) });
    const benefits = screen.getByRole('combobox', { name: 'Statutory benefits' });
    const offered = within(benefits)
      .getAllByRole('option')
      .map((o) => o.textContent);
    expect(offered).toContain('Veteran of the Great Patriotic War');
    expect(offered).toContain('Person with a disability, group I or II');
    expect(offered).toContain('Mother of many children (Altyn alqa, Kumis alqa)');
    expect(offered).not.toContain('Hero of Ukraine');
    expect(offered).not.toContain('Chernobyl survivor');
  });

  it('refuses to register without the IIN, naming it, and registers with a valid one', async () => {
    const { user, fake } = await renderApp({ info: appInfo({ ruleSet: 'kz' }) });
    await fillAllButIin(user);
    await user.click(screen.getByRole('button', { name: 'Register appeal' }));
    expect(await screen.findAllByText('IIN is required: ask the caller and fill it in.')).not.toHaveLength(0);
    expect(fake.callsTo('appeals:create')).toHaveLength(0);

    await user.type(textbox('IIN'), '850315300128');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Statutory benefits' }), 'kz_wwii_veteran');
    await user.click(screen.getByRole('button', { name: 'Register appeal' }));
    await screen.findByTestId('saved-panel');
    const [sent] = fake.callsTo('appeals:create') as { applicant: { iin: string }; benefit: string }[];
    expect(sent).toMatchObject({ applicant: { iin: '850315300128' }, benefit: 'kz_wwii_veteran' });
  });

  it('offers Ukraine’s categories and no IIN under the Ukrainian rule set', async () => {
    await renderApp();
    expect(screen.queryByRole('textbox', { name: 'IIN' })).not.toBeInTheDocument();
    const benefits = within(screen.getByRole('combobox', { name: 'Statutory benefits' }))
      .getAllByRole('option')
      .map((o) => o.textContent);
    expect(benefits).toContain('Hero of Ukraine');
    expect(benefits).not.toContain('Veteran of the Great Patriotic War');
  });
});
