import { useEffect, useRef } from 'react';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { AppealSummary } from '../../../../shared/domain';
import type { WorkListId } from '../../../../shared/domain/worklists';
import { assertNever } from '../../../../shared/result';
import { useAppDispatch, useAppSelector } from '../../../app/hooks';
import { appealDetailOpened } from '../../../app/navigationSlice';
import { formatAddress } from '../../../i18n/address';
import type { MessageKey } from '../../../i18n/dictionary';
import { useFormat, useT } from '../../../i18n/useT';
import { AppealNumberCell } from '../../appeals/components/AppealNumberCell';
import { StatusChip } from '../../appeals/components/StatusChip';
import { selectExecutorById, selectQuestionTypeById } from '../../reference/referenceSlice';
import { rowSelected } from '../worklistsSlice';
import { DeadlineCell } from './DeadlineCell';

type Column =
  'number' | 'received' | 'applicant' | 'address' | 'category' | 'executor' | 'status' | 'calls' | 'deadline';

const LABELS: Record<Column, MessageKey> = {
  number: 'appeals.col.number',
  received: 'appeals.col.received',
  applicant: 'appeals.col.applicant',
  address: 'appeals.col.address',
  category: 'appeals.col.category',
  executor: 'appeals.col.executor',
  status: 'appeals.col.status',
  calls: 'worklists.col.callbacks',
  deadline: 'appeals.col.deadline',
};

/** What each list is worked by: an executor's inbox needs no executor column, the callback list its calls. */
function columnsOf(list: WorkListId): Column[] {
  switch (list) {
    case 'to_call_back':
      return ['number', 'applicant', 'category', 'executor', 'calls', 'deadline'];
    case 'inbox':
      return ['number', 'received', 'applicant', 'address', 'category', 'status', 'deadline'];
    case 'to_assign':
    case 'to_check':
    case 'open':
    case 'my_recent':
      return ['number', 'received', 'applicant', 'address', 'category', 'executor', 'status', 'deadline'];
    default:
      return assertNever(list, 'work list');
  }
}

interface Props {
  list: WorkListId;
  items: AppealSummary[];
  selectedId: string | null;
  /** A click on a row opens the appeal too (the callback list shows it beside the list instead). */
  openOnClick: boolean;
}

/** The rows in the order they are served; the selected one is where ↑ ↓ and Enter act. */
export function WorkListTable({ list, items, selectedId, openOnClick }: Props) {
  const t = useT();
  const format = useFormat();
  const dispatch = useAppDispatch();
  const types = useAppSelector(selectQuestionTypeById);
  const executors = useAppSelector(selectExecutorById);
  const body = useRef<HTMLTableSectionElement>(null);
  const columns = columnsOf(list);

  useEffect(() => {
    if (selectedId === null) return;
    body.current
      ?.querySelector(`[data-id="${CSS.escape(selectedId)}"]`)
      ?.scrollIntoView?.({ block: 'nearest' });
  }, [selectedId]);

  const open = (id: string) => dispatch(appealDetailOpened(id));
  const cell = (a: AppealSummary, c: Column) => {
    switch (c) {
      case 'number':
        return (
          <AppealNumberCell
            key={c}
            appeal={a}
            onOpen={() => {
              dispatch(rowSelected(a.id));
              open(a.id);
            }}
          />
        );
      case 'received':
        return (
          <TableCell key={c} sx={{ whiteSpace: 'nowrap' }}>
            {format.shortDate(a.receivedOn)}
          </TableCell>
        );
      case 'applicant':
        return <TableCell key={c}>{a.applicantName}</TableCell>;
      case 'address':
        return <TableCell key={c}>{formatAddress(a.address, t)}</TableCell>;
      case 'category':
        return <TableCell key={c}>{types.get(a.categoryId)?.name ?? a.categoryId}</TableCell>;
      case 'executor':
        return <TableCell key={c}>{executors.get(a.executorId)?.name ?? a.executorId}</TableCell>;
      case 'status':
        return (
          <TableCell key={c}>
            <StatusChip status={a.status} result={a.result} />
          </TableCell>
        );
      case 'calls':
        return (
          <TableCell key={c} sx={{ whiteSpace: 'nowrap' }}>
            {a.lifecycle.callbackAttempts}
            {a.lifecycle.nextCallbackAt && (
              <Typography component="span" variant="caption" sx={{ display: 'block' }} color="text.secondary">
                {t('worklists.nextCallback', { time: format.dateTime(a.lifecycle.nextCallbackAt) })}
              </Typography>
            )}
          </TableCell>
        );
      case 'deadline':
        return <DeadlineCell key={c} appeal={a} />;
      default:
        return assertNever(c, 'column');
    }
  };

  return (
    <Table size="small" stickyHeader aria-label={t(`worklist.${list}`)}>
      <TableHead>
        <TableRow>
          {columns.map((c) => (
            <TableCell key={c} sx={{ whiteSpace: 'nowrap' }}>
              {t(LABELS[c])}
            </TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody ref={body}>
        {items.map((a) => {
          const selected = a.id === selectedId;
          return (
            <TableRow
              key={a.id}
              hover
              selected={selected}
              aria-selected={selected}
              data-id={a.id}
              data-testid="worklist-row"
              onClick={() => {
                dispatch(rowSelected(a.id));
                if (openOnClick) open(a.id);
              }}
              sx={{
                cursor: 'pointer',
                verticalAlign: 'top',
                // The keyboard's row is seen at a glance, not only by its tint.
                '& > td:first-of-type': {
                  boxShadow: selected ? (theme) => `inset 3px 0 0 ${theme.palette.primary.main}` : undefined,
                },
              }}
            >
              {columns.map((c) => cell(a, c))}
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
