import { fireEvent, screen, waitFor } from '@testing-library/react';
import { renderApp } from '../test/renderApp';

describe('keyboard shortcuts', { timeout: 20_000 }, () => {
  it('opens the list of shortcuts with F1 and with ? outside a text field', async () => {
    const { user } = await renderApp();
    await user.keyboard('{F1}');
    const dialog = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(dialog).toHaveTextContent('Ctrl+S');
    expect(dialog).toHaveTextContent('Alt+1 … Alt+9');
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    (document.activeElement as HTMLElement | null)?.blur();
    await user.keyboard('?');
    expect(await screen.findByRole('dialog', { name: 'Keyboard shortcuts' })).toBeInTheDocument();
  });

  it('does not open the list when ? is typed into a field', async () => {
    const { user } = await renderApp();
    await user.type(screen.getByRole('textbox', { name: 'Essence of the issue' }), 'Why?');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Essence of the issue' })).toHaveValue('Why?');
  });

  it('focuses the appeals search with Ctrl+F from the intake form, whatever the keyboard layout', async () => {
    const { store } = await renderApp();
    // Ukrainian layout: the key at F types "а".
    fireEvent.keyDown(window, { key: 'а', code: 'KeyF', ctrlKey: true });
    await waitFor(() => expect(screen.getByRole('searchbox', { name: 'Search' })).toHaveFocus());
    expect(store.getState().navigation.view).toBe('appeals');
  });

  it('opens the consultation form with Ctrl+Shift+C and returns to a new appeal with Ctrl+N', async () => {
    await renderApp();
    fireEvent.keyDown(window, { key: 'C', code: 'KeyC', ctrlKey: true, shiftKey: true });
    await waitFor(() => expect(screen.getByRole('textbox', { name: 'Phone' })).toHaveFocus());
    expect(screen.getByRole('form', { name: 'Consultation' })).toBeInTheDocument();
    fireEvent.keyDown(window, { key: 'т', code: 'KeyN', ctrlKey: true });
    expect(await screen.findByRole('form', { name: 'New appeal' })).toBeInTheDocument();
    // A new appeal starts with its type.
    await waitFor(() => expect(screen.getByRole('radio', { name: 'Proposal or remark' })).toHaveFocus());
  });

  it('registers with Ctrl+S', async () => {
    const { fake } = await renderApp();
    fireEvent.keyDown(window, { key: 's', code: 'KeyS', ctrlKey: true });
    // An empty draft is refused before anything is sent, and the problems are shown.
    expect(
      await screen.findByText(/^Not registered: correct the highlighted fields \(\d+\)\.$/),
    ).toBeInTheDocument();
    expect(fake.callsTo('appeals:create')).toHaveLength(0);
  });

  it('jumps to a step of the call script with Alt+digit', async () => {
    await renderApp();
    fireEvent.keyDown(window, { key: '3', code: 'Digit3', altKey: true });
    await waitFor(() => expect(screen.getByRole('textbox', { name: 'Full name' })).toHaveFocus());
    expect(screen.getByTestId('script-say')).toHaveTextContent('May I have your full name, please?');
    fireEvent.keyDown(window, { key: '4', code: 'Digit4', altKey: true });
    await waitFor(() => expect(screen.getByRole('textbox', { name: 'City' })).toHaveFocus());
    expect(screen.getByTestId('script-say')).toHaveTextContent('What is your address?');
  });
});
