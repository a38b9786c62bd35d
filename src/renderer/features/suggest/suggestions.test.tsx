import { act, screen, waitFor, within } from '@testing-library/react';
import type { ParsedInput } from '../../../shared/ipc/contract';
import type { SuggestAnswer } from '../../../shared/ipc/suggest';
import { renderApp } from '../../test/renderApp';

/** A stand-in for the model: hot water words name t-hot-water, anything with "ліфт" t-elevator. */
function byWords(query: ParsedInput<'suggest:query'>): SuggestAnswer {
  const text = query.text.toLowerCase();
  const categories = text.includes('ліфт')
    ? [
        { id: 't-elevator', groupId: 'g-housing', confidence: 0.81 },
        { id: 't-lighting', groupId: 'g-housing', confidence: 0.1 },
      ]
    : text.includes('вод')
      ? [
          { id: 't-hot-water', groupId: 'g-housing', confidence: 0.72 },
          { id: 't-heating', groupId: 'g-housing', confidence: 0.2 },
          { id: 't-unknown-to-the-classifier', groupId: 'g-x', confidence: 0.05 },
        ]
      : [];
  // Executors follow the chosen category, and the district when it is given.
  const executors =
    query.categoryId === 't-hot-water' || (!query.categoryId && categories[0]?.id === 't-hot-water')
      ? query.district?.startsWith('Оболон')
        ? [
            { id: 'e-zhek', confidence: 0.6 },
            { id: 'e-teplo', confidence: 0.3 },
          ]
        : [{ id: 'e-teplo', confidence: 0.9 }]
      : categories.length > 0
        ? [{ id: 'e-lift', confidence: 0.7 }]
        : [];
  return {
    model: 'ready',
    categories: categories.slice(0, query.limits.categories),
    executors: executors.slice(0, query.limits.executors),
  };
}

const essence = () => screen.getByRole('textbox', { name: 'Essence of the issue' });
const suggested = (name: string) => screen.getByRole('group', { name });
const rows = (name: string) =>
  within(suggested(name))
    .getAllByRole('button')
    .map((b) => b.textContent);

describe('suggestions beside the pickers', { timeout: 20_000 }, () => {
  it('shows the likeliest categories with their group and the executors, each with a confidence, as the essence is typed', async () => {
    const { user } = await renderApp({ suggest: { answer: byWords } });
    expect(screen.queryByRole('group', { name: 'Suggested categories' })).not.toBeInTheDocument();
    await user.type(essence(), 'Немає гарячої води');
    await waitFor(() => expect(rows('Suggested categories')).toHaveLength(2));
    // A category the classifier does not know (an older model) is not offered.
    expect(rows('Suggested categories')).toEqual([
      '72%Відсутність гарячого водопостачання · Housing and utilitiesAlt+Enter',
      '20%Відсутність опалення · Housing and utilities',
    ]);
    expect(rows('Suggested executors')).toEqual(['90%ПАТ «Київтеплоенерго»']);
    // The cursor stays in the essence: suggestions never take it.
    expect(essence()).toHaveFocus();
  });

  it('takes the first category and its executor for this district with Alt+Enter, the cursor staying in the essence', async () => {
    const { user, fake } = await renderApp({ suggest: { answer: byWords } });
    await user.type(screen.getByRole('textbox', { name: 'District' }), 'Оболонський');
    await user.type(essence(), 'Немає гарячої води');
    await waitFor(() => expect(rows('Suggested categories')).toHaveLength(2));
    await user.keyboard('{Alt>}{Enter}{/Alt}');
    await waitFor(() =>
      expect(screen.getByRole('combobox', { name: 'Executor' })).toHaveValue('КП «Золотоустівська»'),
    );
    expect(screen.getByRole('combobox', { name: 'Category' })).toHaveValue(
      'Відсутність гарячого водопостачання',
    );
    expect(essence()).toHaveFocus();
    expect(essence()).toHaveValue('Немає гарячої води');
    // The executor was asked for the chosen category at this district.
    expect(fake.callsTo('suggest:query')).toContainEqual(
      expect.objectContaining({ categoryId: 't-hot-water', district: 'Оболонський' }),
    );
  });

  it('takes a suggestion with a click without moving the cursor out of the essence', async () => {
    const { user } = await renderApp({ suggest: { answer: byWords } });
    await user.type(essence(), 'Не працює ліфт');
    await waitFor(() => expect(rows('Suggested categories')).toHaveLength(2));
    await user.click(within(suggested('Suggested categories')).getAllByRole('button')[1]!);
    expect(screen.getByRole('combobox', { name: 'Category' })).toHaveValue(
      'Освітлення в приміщенні й при вході в нього',
    );
    expect(essence()).toHaveFocus();
  });

  it('asks once per change of the form, the latest text last, and shows the latest answer', async () => {
    const { user, fake } = await renderApp({ suggest: { answer: byWords } });
    await user.type(essence(), 'ліфт');
    await user.type(screen.getByRole('textbox', { name: 'Full name' }), 'Ivan');
    await waitFor(() => expect(rows('Suggested categories')[0]).toContain('Ремонт ліфта'));
    const asked = fake.callsTo('suggest:query') as { text: string }[];
    expect(asked.at(-1)).toMatchObject({ text: 'ліфт' });
    // The warm-up plus at most one query per keystroke; typing the name asks nothing.
    expect(asked.length).toBeLessThanOrEqual(1 + 'ліфт'.length);
  });

  it('shows nothing when the words mean nothing to the model, and empties with the essence', async () => {
    const { user } = await renderApp({ suggest: { answer: byWords } });
    await user.type(essence(), 'ліфт');
    await waitFor(() => expect(rows('Suggested categories')).toHaveLength(2));
    await user.clear(essence());
    await waitFor(() =>
      expect(screen.queryByRole('group', { name: 'Suggested categories' })).not.toBeInTheDocument(),
    );
    await user.type(essence(), '🙂🙂');
    await act(() => new Promise((r) => setTimeout(r, 50)));
    expect(screen.queryByRole('group', { name: 'Suggested categories' })).not.toBeInTheDocument();
  });

  it('says suggestions are unavailable when the model is missing, and the pickers work as before', async () => {
    const { user } = await renderApp({
      suggest: {
        answer: () => ({
          model: 'unavailable',
          reason: 'missing',
          message: 'resources/suggest/model.bin: file is missing',
        }),
      },
    });
    expect(await screen.findByTestId('suggestions-unavailable')).toHaveTextContent(
      'Suggestions unavailable: the suggestion model is not installed. Choose the category and executor as usual.',
    );
    await user.type(essence(), 'Немає гарячої води');
    await user.keyboard('{Alt>}{Enter}{/Alt}');
    expect(screen.getByRole('combobox', { name: 'Category' })).toHaveValue('');
    const input = screen.getByRole('combobox', { name: 'Category' });
    await user.click(input);
    await user.type(input, 'гаряч');
    await user.keyboard('{Enter}');
    expect(input).toHaveValue('Відсутність гарячого водопостачання');
    expect(screen.getByRole('combobox', { name: 'Executor' })).toHaveValue('ПАТ «Київтеплоенерго»');
  });

  it('says the model file is damaged in the operator’s language', async () => {
    await renderApp({
      settings: { locale: 'uk', theme: 'light' },
      suggest: { answer: () => ({ model: 'unavailable', reason: 'corrupt', message: 'checksum mismatch' }) },
    });
    expect(await screen.findByTestId('suggestions-unavailable')).toHaveTextContent(
      'Підказки недоступні: файл моделі підказок пошкоджено.',
    );
  });
});
