// The operator's side of a lead's override (issue 13): agent:overridden names who set the state,
// to what, and why, in the operator's language, until the operator closes it.
import { act, screen, waitFor, within } from '@testing-library/react';
import { renderApp } from '../../test/renderApp';
import { serverAs } from '../../test/roles';

const override = {
  state: { state: 'break' as const, reason: 'technical' as const },
  reason: 'Headset replaced at desk 4',
  by: 'Tetiana Lead',
  at: '2026-11-23T10:00:00.000Z',
};

describe('the operator told of a lead’s override', { timeout: 30_000 }, () => {
  it('shows who set the state, to what and why, until closed', async () => {
    const { fake, user } = await renderApp({ server: serverAs('operator') });
    act(() => fake.emit('agent:overridden', override));
    const notice = await screen.findByTestId('override-notice');
    expect(notice).toHaveTextContent('Your state was changed by the team lead');
    expect(notice).toHaveTextContent(
      'Tetiana Lead set your state to Break: technical: Headset replaced at desk 4',
    );
    await user.click(within(notice).getByRole('button', { name: /close/i }));
    await waitFor(() => expect(screen.queryByTestId('override-notice')).not.toBeInTheDocument());
  });

  it.each([
    ['uk', 'Tetiana Lead змінив(ла) ваш стан на «Готовий»: Кінець перерви'],
    ['ru', 'Tetiana Lead сменил(а) ваше состояние на'],
    ['kk', 'Tetiana Lead сіздің күйіңізді'],
  ] as const)('says it in %s', async (locale, text) => {
    const { fake } = await renderApp({ server: serverAs('operator'), settings: { locale, theme: 'light' } });
    act(() =>
      fake.emit('agent:overridden', { ...override, state: { state: 'available' }, reason: 'Кінець перерви' }),
    );
    expect(await screen.findByTestId('override-notice')).toHaveTextContent(text);
  });
});
