import { useEffect } from 'react';
import Alert from '@mui/material/Alert';
import LinearProgress from '@mui/material/LinearProgress';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import type { HistoryEntry } from '../../../../shared/domain/appealHistory';
import { formatPhone } from '../../../../shared/domain/phone';
import { assertNever } from '../../../../shared/result';
import { useAppDispatch, useAppSelector } from '../../../app/hooks';
import type { MessageKey } from '../../../i18n/dictionary';
import type { Translate } from '../../../i18n/translate';
import { useFormat, useT } from '../../../i18n/useT';
import { selectExecutorById } from '../../reference/referenceSlice';
import { selectAppealHistory } from '../appealStateSlice';
import { fetchAppealHistory } from '../appealStateThunks';

type Format = ReturnType<typeof useFormat>;

/** The lines of one history entry: what happened, then its particulars. */
function whatHappened(
  entry: HistoryEntry,
  t: Translate,
  format: Format,
  executorName: (id: string) => string,
) {
  const lines: string[] = [];
  const status = (s: HistoryEntry['statusAfter']) => (s ? t(`status.${s}`) : '');
  switch (entry.kind) {
    case 'created':
      lines.push(t('history.kind.created'));
      break;
    case 'withdrawn':
      lines.push(t('history.kind.withdrawn'));
      break;
    case 'amend': {
      lines.push(t('history.kind.amend'));
      const a = entry.amendment;
      if (a?.supplement) lines.push(t('history.supplement', { text: a.supplement }));
      if (a?.addPhones) lines.push(t('history.phones', { phones: a.addPhones.map(formatPhone).join(', ') }));
      if (a?.corrections && Object.keys(a.corrections).length > 0)
        lines.push(
          t('history.corrected', {
            fields: Object.keys(a.corrections)
              .map((k) => (CORRECTED_FIELD[k] ? t(CORRECTED_FIELD[k]) : k))
              .join(', '),
          }),
        );
      break;
    }
    case 'transition': {
      const action = entry.action;
      const name = action ? t(`action.${action.kind}`) : '';
      const move =
        entry.statusBefore && entry.statusAfter && entry.statusBefore !== entry.statusAfter
          ? ` · ${t('history.statusChange', { from: status(entry.statusBefore), to: status(entry.statusAfter) })}`
          : '';
      lines.push(`${name}${move}`);
      if (action) lines.push(...actionDetails(action, t, format, executorName));
      break;
    }
    default:
      assertNever(entry.kind, 'history entry kind');
  }
  return lines;
}

const CORRECTED_FIELD: Record<string, MessageKey> = {
  type: 'field.type',
  fullName: 'field.fullName',
  address: 'field.address',
  essence: 'field.essence',
  categoryId: 'field.category',
};

function actionDetails(
  action: NonNullable<HistoryEntry['action']>,
  t: Translate,
  format: Format,
  executorName: (id: string) => string,
): string[] {
  switch (action.kind) {
    case 'assign':
      return [
        t('history.executor', { name: executorName(action.executorId) }),
        ...(action.reason ? [t('history.reason', { reason: action.reason })] : []),
      ];
    case 'answer':
      return [t('history.answer', { result: t(`result.${action.result}`), text: action.text })];
    case 'control_return':
      return [t('history.reason', { reason: action.reason })];
    case 'callback':
      return [
        t('history.outcome', { outcome: t(`outcome.${action.outcome}`) }),
        ...(action.note ? [action.note] : []),
      ];
    case 'extend':
      return [
        t('history.deadline', { date: format.date(action.deadlineOn) }),
        t('history.reason', { reason: action.reason }),
      ];
    case 'request_extension':
      return [t('history.days', { days: action.days }), t('history.reason', { reason: action.reason })];
    case 'start':
    case 'control_accept':
      return [];
    default:
      return assertNever(action, 'lifecycle action');
  }
}

/** Who changed the appeal, when, what, from which workstation, and the version it made. */
export function HistoryView({ id }: { id: string }) {
  const t = useT();
  const format = useFormat();
  const dispatch = useAppDispatch();
  const history = useAppSelector((s) => selectAppealHistory(s, id));
  const executors = useAppSelector(selectExecutorById);
  useEffect(() => {
    void dispatch(fetchAppealHistory(id));
  }, [dispatch, id]);
  const executorName = (executorId: string) => executors.get(executorId)?.name ?? executorId;
  if (!history || (history.status === 'loading' && history.data === null))
    return <LinearProgress aria-label={t('common.loading')} />;
  if (history.status === 'failed')
    return <Alert severity="error">{t('history.failed', { message: history.error?.message ?? '' })}</Alert>;
  const data = history.data!;
  return (
    <>
      {!data.complete && (
        <Alert severity="warning" role="note" sx={{ mb: 1 }} data-testid="history-incomplete">
          {t('history.incomplete')}
        </Alert>
      )}
      {data.entries.length === 0 ? (
        <Typography color="text.secondary">{t('history.empty')}</Typography>
      ) : (
        <Table size="small" aria-label={t('detail.tab.history')}>
          <TableHead>
            <TableRow>
              <TableCell>{t('history.col.when')}</TableCell>
              <TableCell>{t('history.col.who')}</TableCell>
              <TableCell sx={{ width: '45%' }}>{t('history.col.what')}</TableCell>
              <TableCell>{t('history.col.where')}</TableCell>
              <TableCell>{t('history.col.version')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {data.entries.map((entry) => {
              const [head, ...rest] = whatHappened(entry, t, format, executorName);
              return (
                <TableRow key={entry.id} data-testid="history-entry" sx={{ verticalAlign: 'top' }}>
                  <TableCell sx={{ whiteSpace: 'nowrap' }}>{format.dateTime(entry.at)}</TableCell>
                  <TableCell>
                    {entry.user
                      ? t('history.who', { name: entry.user.name, role: t(`role.${entry.user.role}`) })
                      : t('history.system')}
                  </TableCell>
                  <TableCell>
                    <Typography variant="body2" sx={{ fontWeight: 500 }}>
                      {head}
                    </Typography>
                    {rest.map((line, i) => (
                      <Typography
                        key={i}
                        variant="body2"
                        color="text.secondary"
                        sx={{ overflowWrap: 'anywhere' }}
                      >
                        {line}
                      </Typography>
                    ))}
                  </TableCell>
                  <TableCell sx={{ whiteSpace: 'nowrap' }} title={entry.deviceId ?? undefined}>
                    {/* A device id is a UUID: its first group tells workstations apart at a glance. */}
                    {entry.deviceId ? `${entry.deviceId.slice(0, 8)}…` : t('history.server')}
                  </TableCell>
                  <TableCell>{entry.version}</TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      )}
    </>
  );
}
