// A citizen calling again reads out their appeal's number (issue 12, item 3): the caller panel finds
// it, official or provisional however it was typed, and shows what to read back to them: status,
// executor and the executor's answer.
import { screen, waitFor, within } from '@testing-library/react';
import { NEW_APPEAL_LIFECYCLE } from '../../../shared/domain/appeal';
import { storedAppeal } from '../../test/fixtures';
import { renderApp } from '../../test/renderApp';

const answered = storedAppeal({
  id: 'a-1',
  officialNumber: '1551-2026-000042',
  provisionalNumber: 'P-7K3M-000001',
  status: 'awaiting_applicant_check',
  result: 'explained',
  lifecycle: {
    ...NEW_APPEAL_LIFECYCLE,
    answer: { result: 'explained', text: 'Repairs are planned for May.', at: '2026-11-20T10:00:00.000Z' },
  },
});
const fresh = storedAppeal({
  id: 'a-2',
  officialNumber: null,
  provisionalNumber: 'P-7K3M-000002',
  status: 'registered',
  executorId: 'e-lift',
  applicant: { ...storedAppeal().applicant, phones: ['+380509998877'] },
});

describe('finding an appeal by its number in the caller panel', { timeout: 20_000 }, () => {
  it('shows the status, the executor and the answer of the appeal the citizen names', async () => {
    const { user, fake } = await renderApp({ appeals: [answered, fresh] });
    const panel = screen.getByTestId('caller-panel');
    const box = within(panel).getByRole('searchbox', { name: 'Find by appeal number' });
    await user.type(box, '1551-2026-000042');
    const found = await within(panel).findByRole('list', { name: 'Appeal with this number' });
    const row = within(found).getByTestId('caller-appeal');
    expect(row).toHaveTextContent('1551-2026-000042');
    expect(row).toHaveTextContent('Awaiting applicant check');
    expect(within(row).getByTestId('caller-appeal-executor')).toHaveTextContent(
      'Executor: ПАТ «Київтеплоенерго»',
    );
    expect(within(row).getByTestId('caller-appeal-answer')).toHaveTextContent(
      'Answer (Explained): Repairs are planned for May.',
    );
    // One request for the finished number, none while it was half typed.
    expect(fake.callsTo('appeals:list')).toEqual([{ text: '1551-2026-000042', limit: 5 }]);

    await user.clear(box);
    // Read out over the phone and typed back in Cyrillic and lower case.
    await user.type(box, 'р-7к3м-000002');
    await waitFor(() =>
      expect(within(panel).getByTestId('caller-appeal')).toHaveTextContent('P-7K3M-000002'),
    );
    expect(within(panel).getByTestId('caller-appeal-executor')).toHaveTextContent(
      'Executor: КП «Київжитлоспецексплуатація»',
    );
    expect(within(panel).getByTestId('caller-appeal-answer')).toHaveTextContent(
      'No answer from the executor yet.',
    );
  });

  it('says when no appeal has the number, and when the text is not a number yet', async () => {
    const { user } = await renderApp({ appeals: [answered] });
    const panel = screen.getByTestId('caller-panel');
    const box = within(panel).getByRole('searchbox', { name: 'Find by appeal number' });
    await user.type(box, '1551-2026');
    expect(panel).toHaveTextContent('Not an appeal number yet');
    await user.type(box, '-000999');
    expect(await within(panel).findByTestId('number-not-found')).toHaveTextContent(
      'No appeal has this number.',
    );
  });

  it("shows the executor and its answer for the caller's earlier appeals too", async () => {
    const { user } = await renderApp({ appeals: [answered] });
    await user.type(screen.getByRole('textbox', { name: 'Phone' }), '067 123 45 67');
    const history = await screen.findByRole('list', { name: 'Earlier appeals from +380 67 123 45 67' });
    expect(within(history).getByTestId('caller-appeal-answer')).toHaveTextContent(
      'Answer (Explained): Repairs are planned for May.',
    );
  });
});
