import { WORK_LISTS, workListIds } from '../../shared/domain/worklists';
import { listScope } from './listScope';

const staff = { userId: 'u-analyst', organisationId: null };
const executor = { userId: 'u-exec', organisationId: 'e-6bdb0865' };
const none = { executorId: null, onlyOverdue: false };
const clock = { today: '2026-03-10', now: '2026-03-10T09:00:00.000Z' };

describe('A work list as SQL', () => {
  it('asks one status by its literal, so the status index answers it in order', () => {
    const scope = listScope('to_assign', staff, none, clock);
    expect(scope.where).toEqual(["a.status = 'registered'"]);
    expect(scope.pageIndex).toBe('appeals_worklist_status');
    expect(scope.newestFirst).toBe(false);
  });

  it('narrows a single-status list to one executor with the executor index', () => {
    const scope = listScope('to_check', staff, { executorId: 'e-1', onlyOverdue: false }, clock);
    expect(scope.where).toEqual(["a.status = 'awaiting_control_check'", 'a.executor_id = ?']);
    expect(scope.params).toEqual(['e-1']);
    expect(scope.pageIndex).toBe('appeals_worklist_executor');
  });

  it('takes every open status as the open flag, with or without an executor', () => {
    expect(listScope('open', staff, none, clock)).toMatchObject({
      where: ['a.is_open = 1'],
      pageIndex: 'appeals_worklist_open',
      countIndex: 'appeals_worklist_open',
    });
    expect(listScope('open', staff, { executorId: 'e-9', onlyOverdue: false }, clock)).toMatchObject({
      pageIndex: 'appeals_worklist_open_executor',
      params: ['e-9'],
    });
  });

  it("gives an executor account its own organisation's inbox, whatever executor it asks for", () => {
    const scope = listScope('inbox', executor, none, clock);
    expect(scope).toMatchObject({
      where: ['a.in_work = 1', 'a.executor_id = ?'],
      params: ['e-6bdb0865'],
      pageIndex: 'appeals_worklist_inbox',
      empty: false,
    });
    expect(listScope('inbox', executor, { executorId: 'e-other', onlyOverdue: false }, clock).empty).toBe(
      true,
    );
    expect(listScope('inbox', staff, none, clock).empty).toBe(true);
  });

  it('lists only callbacks due now, counted from their own index', () => {
    const scope = listScope('to_call_back', staff, none, clock);
    expect(scope.where).toContain('(a.next_callback_at IS NULL OR a.next_callback_at <= ?)');
    expect(scope.params).toEqual([clock.now]);
    expect(scope.countIndex).toBe('appeals_callback_due');
    expect(scope.pageIndex).toBe('appeals_worklist_status');
  });

  it("lists the user's own appeals newest first, of every status", () => {
    const scope = listScope('my_recent', staff, none, clock);
    expect(scope).toMatchObject({
      where: ['a.operator_id = ?'],
      params: ['u-analyst'],
      newestFirst: true,
      pageIndex: 'appeals_operator',
    });
  });

  it('keeps only the overdue ones (open, deadline before today) when asked', () => {
    const scope = listScope('to_assign', staff, { executorId: null, onlyOverdue: true }, clock);
    expect(scope.where).toEqual(["a.status = 'registered'", 'a.deadline_on < ?']);
    expect(scope.params).toEqual([clock.today]);
    expect(listScope('my_recent', staff, { executorId: null, onlyOverdue: true }, clock).where).toEqual([
      'a.operator_id = ?',
      'a.is_open = 1',
      'a.deadline_on < ?',
    ]);
  });

  it('has an index in list order for every list the rules define', () => {
    for (const list of workListIds) {
      const viewer = WORK_LISTS[list].organisation ? executor : staff;
      expect(listScope(list, viewer, none, clock).pageIndex, list).not.toBeNull();
    }
  });
});
