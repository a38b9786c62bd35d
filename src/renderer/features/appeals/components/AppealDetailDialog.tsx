import { useState, type ReactNode } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Divider from '@mui/material/Divider';
import LinearProgress from '@mui/material/LinearProgress';
import Link from '@mui/material/Link';
import Paper from '@mui/material/Paper';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import Typography from '@mui/material/Typography';
import type { Appeal } from '../../../../shared/domain';
import { AMENDING_ROLES } from '../../../../shared/domain/amendment';
import { formatPhone } from '../../../../shared/domain/phone';
import { useAppDispatch, useAppSelector } from '../../../app/hooks';
import { appealDetailClosed, appealDetailOpened, selectDetailAppealId } from '../../../app/navigationSlice';
import { formatAddress } from '../../../i18n/address';
import { useFormat, useT } from '../../../i18n/useT';
import { ExecutorContacts } from '../../reference/components/ExecutorContacts';
import { selectExecutorById, selectQuestionTypeById } from '../../reference/referenceSlice';
import { selectRole, selectSession } from '../../auth/authSlice';
import { appealNumber } from '../appealDisplay';
import { selectAppealState } from '../appealStateSlice';
import { ClickToCallButton } from '../../softphone/components/ClickToCallButton';
import { AppealActions, isBusy } from './actions/AppealActions';
import { AmendDialog } from './AmendDialog';
import { ChangeNotices } from './ChangeNotices';
import { HistoryView } from './HistoryView';
import { LifecycleFacts } from './LifecycleFacts';

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <Typography component="dt" variant="body2" color="text.secondary">
        {label}
      </Typography>
      <Typography
        component="dd"
        variant="body2"
        sx={{ m: 0, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
      >
        {children}
      </Typography>
    </>
  );
}

function AppealFields({ appeal }: { appeal: Appeal }) {
  const t = useT();
  const dispatch = useAppDispatch();
  const format = useFormat();
  const types = useAppSelector(selectQuestionTypeById);
  const executors = useAppSelector(selectExecutorById);
  const executor = executors.get(appeal.executorId);
  const { applicant } = appeal;
  const none = t('common.none');
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1.5 }}>
      {/* What the appeal is about comes first; the record's details follow, two pairs a row. */}
      <Box sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', columnGap: 2, rowGap: 0.5 }}>
        <Typography variant="body2">{t(`type.${appeal.type}`)}</Typography>
        {appeal.priority && (
          <Typography variant="body2" sx={{ color: 'warning.dark', fontWeight: 500 }}>
            {t('detail.priority')}
          </Typography>
        )}
      </Box>
      <Box>
        <Typography variant="subtitle2" component="h3" color="text.secondary">
          {t('field.essence')}
        </Typography>
        <Typography variant="body1" sx={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {appeal.essence}
        </Typography>
      </Box>
      <Divider />
      <Box
        component="dl"
        sx={{
          display: 'grid',
          gridTemplateColumns: {
            xs: 'minmax(120px, max-content) 1fr',
            xl: 'minmax(120px, max-content) minmax(0, 1fr) minmax(120px, max-content) minmax(0, 1fr)',
          },
          columnGap: 2,
          rowGap: 0.75,
          m: 0,
        }}
      >
        <Row label={t('field.fullName')}>{applicant.fullName}</Row>
        <Row label={t('field.category')}>{types.get(appeal.categoryId)?.name ?? appeal.categoryId}</Row>
        <Row label={t('field.phones')}>
          {applicant.phones.map(formatPhone).join(', ') || none}
          {applicant.phones.map((phone) => (
            <Box component="span" key={phone} sx={{ display: 'block' }}>
              <ClickToCallButton phone={phone} />
            </Box>
          ))}
        </Row>
        <Row label={t('field.address')}>
          {formatAddress(applicant.address, t)}
          {applicant.address.district ? ` (${applicant.address.district})` : ''}
        </Row>
        <Row label={t('consult.executorContacts')}>
          {executor ? <ExecutorContacts executor={executor} /> : none}
        </Row>
        <Row label={t('field.email')}>{applicant.email || none}</Row>
        {applicant.iin && <Row label={t('field.iin')}>{applicant.iin}</Row>}
        <Row label={t('field.benefit')}>{t(`benefit.${appeal.benefit}`)}</Row>
        <Row label={t('detail.priority')}>{appeal.priority ? t('common.yes') : t('common.no')}</Row>
        <Row label={t('field.signatories')}>{appeal.signatories ?? none}</Row>
        <Row label={t('detail.official')}>{appeal.officialNumber ?? t('detail.notAssigned')}</Row>
        <Row label={t('detail.provisional')}>{appeal.provisionalNumber}</Row>
        <Row label={t('field.type')}>{t(`type.${appeal.type}`)}</Row>
        <Row label={t('field.channel')}>{t(`channel.${appeal.channel}`)}</Row>
        <Row label={t('detail.received')}>{format.date(appeal.receivedOn)}</Row>
        <Row label={t('field.consent')}>{appeal.consentToPublish ? t('common.yes') : t('common.no')}</Row>
        {appeal.attachments.length > 0 && (
          <Row label={t('field.attachments')}>{appeal.attachments.map((f) => f.name).join(', ')}</Row>
        )}
        {appeal.repeatOf && (
          <Row label={t('field.repeatOf')}>
            <Link
              component="button"
              type="button"
              onClick={() => dispatch(appealDetailOpened(appeal.repeatOf!))}
            >
              {t('detail.openEarlier')}
            </Link>
          </Row>
        )}
        <Row label={t('detail.created')}>{format.dateTime(appeal.createdAt)}</Row>
        <Row label={t('detail.updated')}>{format.dateTime(appeal.updatedAt)}</Row>
        <Row label={t('detail.version')}>{appeal.version}</Row>
      </Box>
    </Box>
  );
}

function DetailBody({ id }: { id: string }) {
  const t = useT();
  const entry = useAppSelector((s) => selectAppealState(s, id));
  const role = useAppSelector(selectRole);
  // The server decides every change to a registered appeal: without one, nothing can be amended.
  const serverConfigured = useAppSelector(selectSession)?.serverConfigured ?? false;
  const [tab, setTab] = useState<'details' | 'history'>('details');
  const [amending, setAmending] = useState(false);
  const appeal = entry?.appeal ?? null;
  const close = useClose();
  const mayAmend =
    serverConfigured &&
    appeal !== null &&
    role !== null &&
    AMENDING_ROLES.includes(role) &&
    appeal.status !== 'closed';
  return (
    <>
      <DialogTitle id="appeal-detail-title" sx={{ pb: 0 }}>
        {t('detail.title', { number: appeal ? appealNumber(appeal) : '' })}
      </DialogTitle>
      <Tabs
        value={tab}
        onChange={(_, next: 'details' | 'history') => setTab(next)}
        sx={{ px: 3, '& .MuiTab-root': { textTransform: 'none', fontSize: 15 } }}
      >
        <Tab value="details" label={t('detail.tab.details')} id="detail-tab-details" />
        <Tab value="history" label={t('detail.tab.history')} id="detail-tab-history" />
      </Tabs>
      <DialogContent dividers>
        {entry?.status === 'loading' && <LinearProgress aria-label={t('common.loading')} />}
        {entry?.status === 'failed' && entry.error && (
          <Alert severity="error">{t('detail.failed', { message: entry.error.message })}</Alert>
        )}
        {appeal && tab === 'details' && (
          <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1.5 }}>
            <ChangeNotices id={id} />
            <Box
              sx={{
                display: 'grid',
                gap: 2,
                alignItems: 'start',
                gridTemplateColumns: { xs: 'minmax(0, 1fr)', md: 'minmax(0, 1fr) minmax(360px, 42%)' },
              }}
            >
              <AppealFields appeal={appeal} />
              <Paper
                variant="outlined"
                component="section"
                aria-label={t('detail.course')}
                sx={{ p: 1.5, display: 'flex', flexDirection: 'column', gap: 1.5 }}
              >
                <Typography variant="subtitle2" component="h3" color="text.secondary">
                  {t('detail.course')}
                </Typography>
                <LifecycleFacts appeal={appeal} />
                <Divider />
                <AppealActions appeal={appeal} />
              </Paper>
            </Box>
          </Box>
        )}
        {tab === 'history' && <HistoryView id={id} />}
      </DialogContent>
      <DialogActions>
        {mayAmend && (
          <Button onClick={() => setAmending(true)} sx={{ mr: 'auto' }} disabled={isBusy(entry)}>
            {t('detail.correct')}
          </Button>
        )}
        <Button onClick={close} autoFocus>
          {t('common.close')}
        </Button>
      </DialogActions>
      {appeal && mayAmend && (
        <AmendDialog appeal={appeal} open={amending} onClose={() => setAmending(false)} />
      )}
    </>
  );
}

function useClose() {
  const dispatch = useAppDispatch();
  return () => dispatch(appealDetailClosed());
}

/**
 * Opens over any screen, so looking at an earlier appeal never loses the draft being typed: the
 * appeal, where it stands, what the user may do with it now, and its history.
 */
export function AppealDetailDialog() {
  const id = useAppSelector(selectDetailAppealId);
  const close = useClose();
  return (
    <Dialog
      open={id !== null}
      onClose={close}
      maxWidth="xl"
      fullWidth
      aria-labelledby="appeal-detail-title"
      // One height for both tabs, so switching to the history does not move the dialog.
      slotProps={{ paper: { sx: { height: 'calc(100% - 64px)' } } }}
    >
      {id !== null && <DetailBody key={id} id={id} />}
    </Dialog>
  );
}
