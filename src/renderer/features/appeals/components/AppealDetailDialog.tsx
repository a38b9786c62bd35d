import type { ReactNode } from 'react';
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
import Typography from '@mui/material/Typography';
import type { Appeal } from '../../../../shared/domain';
import { formatPhone } from '../../../../shared/domain/phone';
import { useAppDispatch, useAppSelector } from '../../../app/hooks';
import { appealDetailClosed, appealDetailOpened, selectDetailAppealId } from '../../../app/navigationSlice';
import { formatAddress } from '../../../i18n/address';
import { useFormat, useT } from '../../../i18n/useT';
import { ExecutorContacts } from '../../reference/components/ExecutorContacts';
import { selectExecutorById, selectQuestionTypeById } from '../../reference/referenceSlice';
import { appealNumber } from '../appealDisplay';
import { selectAppealDetail } from '../appealsSlice';
import { StatusChip } from './StatusChip';
import { ClickToCallButton } from '../../softphone/components/ClickToCallButton';

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
        <StatusChip status={appeal.status} result={appeal.result} />
        <Typography variant="body2">{t(`type.${appeal.type}`)}</Typography>
        <Typography variant="body2">
          {t('detail.deadline')}: {format.date(appeal.deadlineOn)}
        </Typography>
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
            md: 'minmax(120px, max-content) minmax(0, 1fr) minmax(120px, max-content) minmax(0, 1fr)',
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
        <Row label={t('field.executor')}>{executor?.name ?? appeal.executorId}</Row>
        <Row label={t('field.address')}>
          {formatAddress(applicant.address, t)}
          {applicant.address.district ? ` (${applicant.address.district})` : ''}
        </Row>
        <Row label={t('consult.executorContacts')}>
          {executor ? <ExecutorContacts executor={executor} /> : none}
        </Row>
        <Row label={t('field.email')}>{applicant.email || none}</Row>
        <Row label={t('detail.deadline')}>
          {format.date(appeal.deadlineOn)} · {t(`rule.${appeal.deadlineRule}`)}
        </Row>
        {applicant.iin && <Row label={t('field.iin')}>{applicant.iin}</Row>}
        <Row label={t('field.benefit')}>{t(`benefit.${appeal.benefit}`)}</Row>
        <Row label={t('detail.priority')}>{appeal.priority ? t('common.yes') : t('common.no')}</Row>
        <Row label={t('field.signatories')}>{appeal.signatories ?? none}</Row>
        {appeal.result && <Row label={t('detail.result')}>{t(`result.${appeal.result}`)}</Row>}
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

/** Opens over any screen, so looking at an earlier appeal never loses the draft being typed. */
export function AppealDetailDialog() {
  const t = useT();
  const dispatch = useAppDispatch();
  const id = useAppSelector(selectDetailAppealId);
  const detail = useAppSelector(selectAppealDetail);
  const close = () => dispatch(appealDetailClosed());
  const appeal = detail.id === id ? detail.appeal : null;
  return (
    <Dialog open={id !== null} onClose={close} maxWidth="lg" fullWidth aria-labelledby="appeal-detail-title">
      <DialogTitle id="appeal-detail-title">
        {t('detail.title', { number: appeal ? appealNumber(appeal) : '' })}
      </DialogTitle>
      <DialogContent dividers>
        {detail.status === 'loading' && <LinearProgress aria-label={t('common.loading')} />}
        {detail.status === 'failed' && detail.error && (
          <Alert severity="error">{t('detail.failed', { message: detail.error.message })}</Alert>
        )}
        {appeal && <AppealFields appeal={appeal} />}
      </DialogContent>
      <DialogActions>
        <Button onClick={close} autoFocus>
          {t('common.close')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
