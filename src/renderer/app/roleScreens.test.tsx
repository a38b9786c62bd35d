// Each role starts on its own home screen with its own tabs (issue 12): nobody gets the operator's
// screens, and only those who take citizens' calls see the intake script that greets callers.
import { screen, within } from '@testing-library/react';
import { HOME_OF } from '../../shared/domain/worklists';
import { roles } from '../../shared/sync/auth';
import { renderApp } from '../test/renderApp';
import { serverAs } from '../test/roles';
import { storedAppeal } from '../test/fixtures';
import { VIEWS_OF } from './roleScreens';

const tabNames = () =>
  within(screen.getByRole('navigation', { name: 'Sections' }))
    .getAllByRole('tab')
    .map((tab) => tab.textContent);
const selectedTab = () =>
  within(screen.getByRole('navigation', { name: 'Sections' })).getByRole('tab', { selected: true })
    .textContent;

describe('Home screens by role', { timeout: 20_000 }, () => {
  it.each(roles)('lists the home of %s first among its screens', (role) => {
    expect(VIEWS_OF[role][0]).toBe(HOME_OF[role]);
  });

  it('keeps the operator on the intake form, with "My recent" among the work lists', async () => {
    await renderApp();
    expect(tabNames()).toEqual(['New appeal', 'Work lists', 'Appeals', 'Consultations']);
    expect(selectedTab()).toBe('New appeal');
    expect(screen.getByTestId('operator-name')).toHaveTextContent('Operator: Olena Kovalenko');
    expect(screen.getByRole('region', { name: 'Softphone' })).toBeInTheDocument();
  });

  it('opens the analyst on the work lists to assign, to check and open, with no intake form', async () => {
    await renderApp({ server: serverAs('analyst') });
    expect(tabNames()).toEqual(['Work lists', 'Appeals']);
    expect(selectedTab()).toBe('Work lists');
    const lists = screen.getByRole('tablist', { name: 'Work lists' });
    expect(
      within(lists)
        .getAllByRole('tab')
        .map((t) => t.getAttribute('aria-label')),
    ).toEqual(['To assign: 0', 'To check: 0', 'Open: 0']);
    expect(screen.queryByRole('form', { name: 'New appeal' })).not.toBeInTheDocument();
    expect(screen.getByTestId('operator-name')).toHaveTextContent('Analyst: Andrii Analyst');
  });

  it('opens the feedback operator on "To call back" and keeps the intake form, greeting in their name', async () => {
    const { user } = await renderApp({ server: serverAs('feedback') });
    expect(tabNames()).toEqual(['Work lists', 'New appeal', 'Appeals', 'Consultations']);
    expect(screen.getByRole('tab', { name: /^To call back/, selected: true })).toBeInTheDocument();
    await user.click(screen.getByRole('tab', { name: 'New appeal' }));
    expect(await screen.findByTestId('script-say')).toHaveTextContent(
      'Contact center Kyiv 1551, this is Fedir Feedback.',
    );
  });

  it('opens an executor organisation on its inbox, without intake, consultations, softphone or caller panel', async () => {
    const appeals = [
      storedAppeal({ id: 'mine', status: 'assigned', executorId: 'e-teplo' }),
      storedAppeal({
        id: 'theirs',
        status: 'assigned',
        executorId: 'e-lift',
        officialNumber: '1551-2026-000102',
      }),
    ];
    const { user } = await renderApp({ appeals, server: serverAs('executor', 'e-teplo') });
    expect(tabNames()).toEqual(['Work lists', 'Appeals']);
    expect(screen.getByRole('tab', { name: 'Inbox: 1', selected: true })).toBeInTheDocument();
    expect(screen.getAllByTestId('worklist-row')).toHaveLength(1);
    expect(screen.queryByRole('region', { name: 'Softphone' })).not.toBeInTheDocument();
    expect(screen.queryByTestId('caller-panel')).not.toBeInTheDocument();
    expect(screen.getByTestId('operator-name')).toHaveTextContent('Executor: Teplo Desk');
    // Nor a call from an appeal: the citizen is called back by the center, not by the executor.
    await user.keyboard('{Enter}');
    const dialog = await screen.findByRole('dialog', { name: 'Appeal 1551-2026-000101' });
    await within(dialog).findByTestId('lifecycle-facts');
    expect(within(dialog).queryByTestId('click-to-call')).not.toBeInTheDocument();
  });

  it('offers no sections until somebody signs in', async () => {
    await renderApp({ server: { accounts: { olena: 'secret' } } });
    expect(await screen.findByRole('form', { name: 'Sign in to the workstation' })).toBeInTheDocument();
    expect(screen.queryByRole('navigation', { name: 'Sections' })).not.toBeInTheDocument();
  });

  it.each([
    ['team_lead', 'Team lead: Tetiana Lead'],
    ['admin', 'Administrator: Anna Admin'],
  ] as const)(
    'opens the %s on the cockpit, keeps the backlog a tab away, never greeting callers as an operator',
    async (role, label) => {
      const { user } = await renderApp({ appeals: [storedAppeal()], server: serverAs(role) });
      expect(tabNames()).toEqual(['Cockpit', 'Backlog', 'Work lists', 'Appeals', 'Consultations']);
      expect(selectedTab()).toBe('Cockpit');
      expect(await screen.findByRole('region', { name: 'Team lead’s cockpit' })).toBeInTheDocument();
      expect(await screen.findByRole('table', { name: 'Floor' })).toBeInTheDocument();
      expect(screen.getByTestId('operator-name')).toHaveTextContent(label);
      expect(screen.queryByTestId('script-say')).not.toBeInTheDocument();
      // The shortcut for a new appeal does nothing for a role without the intake form.
      await user.keyboard('{Alt>}n{/Alt}');
      expect(selectedTab()).toBe('Cockpit');
      await user.click(screen.getByRole('tab', { name: 'Backlog' }));
      expect(await screen.findByRole('table', { name: 'Backlog by executor' })).toBeInTheDocument();
    },
  );
});
