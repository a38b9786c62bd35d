import { useState } from 'react';
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Divider from '@mui/material/Divider';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { appealTypes, AppealType, type Appeal } from '../../../../shared/domain';
import {
  correctable,
  type AppealAmendment,
  type AppealCorrections,
} from '../../../../shared/domain/amendment';
import { normalizePhone } from '../../../../shared/domain/phone';
import { selectRuleSet } from '../../../app/appSlice';
import { useAppDispatch, useAppSelector } from '../../../app/hooks';
import { useT } from '../../../i18n/useT';
import { CategoryPicker } from '../../reference/components/CategoryPicker';
import { appealNumber } from '../appealDisplay';
import { selectAppealState } from '../appealStateSlice';
import { amendAppeal } from '../appealStateThunks';
import { ChangeNotices } from './ChangeNotices';

interface Draft {
  supplement: string;
  phone: string;
  type: AppealType;
  fullName: string;
  city: string;
  street: string;
  building: string;
  flat: string;
  essence: string;
  categoryId: string;
}

const draftOf = (a: Appeal): Draft => ({
  supplement: '',
  phone: '',
  type: a.type,
  fullName: a.applicant.fullName,
  city: a.applicant.address.city,
  street: a.applicant.address.street,
  building: a.applicant.address.building,
  flat: a.applicant.address.flat,
  essence: a.essence,
  categoryId: a.categoryId,
});

/** Only what the user changed is sent; a correction of the address sends the whole address. */
function correctionsOf(a: Appeal, d: Draft): AppealCorrections {
  const c: AppealCorrections = {};
  if (d.type !== a.type) c.type = d.type;
  if (d.fullName.trim() !== a.applicant.fullName) c.fullName = d.fullName.trim();
  if (d.essence.trim() !== a.essence) c.essence = d.essence.trim();
  if (d.categoryId !== a.categoryId) c.categoryId = d.categoryId;
  const address = {
    ...a.applicant.address,
    city: d.city.trim(),
    street: d.street.trim(),
    building: d.building.trim(),
    flat: d.flat.trim(),
  };
  const was = a.applicant.address;
  if (
    address.city !== was.city ||
    address.street !== was.street ||
    address.building !== was.building ||
    address.flat !== was.flat
  )
    c.address = address;
  return c;
}

/**
 * Correct a typo before the appeal is assigned, or supplement it at any time before it is closed
 * (amendment.ts): what the citizen adds later stands beside the original words, never over them.
 */
export function AmendDialog({
  appeal,
  open,
  onClose,
}: {
  appeal: Appeal;
  open: boolean;
  onClose: () => void;
}) {
  const t = useT();
  const dispatch = useAppDispatch();
  const ruleSet = useAppSelector(selectRuleSet);
  const acting = useAppSelector((s) => selectAppealState(s, appeal.id)?.acting ?? null);
  const [draft, setDraft] = useState(() => draftOf(appeal));
  const [tried, setTried] = useState(false);
  const canCorrect = correctable(appeal);
  const set = (key: keyof Draft) => (e: { target: { value: string } }) =>
    setDraft((d) => ({ ...d, [key]: e.target.value }));
  const phone = draft.phone.trim() ? normalizePhone(draft.phone, ruleSet === 'kz' ? 'KZ' : 'UA') : null;
  const phoneIssue =
    draft.phone.trim() !== '' && phone === null
      ? t(ruleSet === 'kz' ? 'issue.phoneKz' : 'issue.phone', { field: t('amend.phone') })
      : null;
  const corrections = canCorrect ? correctionsOf(appeal, draft) : {};
  const requiredIssue = (value: string, field: string) =>
    canCorrect && value.trim() === '' ? t('issue.required', { field }) : null;
  const issues = {
    fullName: requiredIssue(draft.fullName, t('field.fullName')),
    city: requiredIssue(draft.city, t('field.city')),
    street: requiredIssue(draft.street, t('field.street')),
    building: requiredIssue(draft.building, t('field.building')),
    essence: requiredIssue(draft.essence, t('field.essence')),
  };
  const amendment: Partial<AppealAmendment> = {
    ...(draft.supplement.trim() ? { supplement: draft.supplement.trim() } : {}),
    ...(phone ? { addPhones: [phone] } : {}),
    ...(Object.keys(corrections).length > 0 ? { corrections } : {}),
  };
  const nothing = Object.keys(amendment).length === 0;
  const save = async () => {
    setTried(true);
    if (nothing || phoneIssue || Object.values(issues).some((i) => i !== null)) return;
    const result = await dispatch(amendAppeal({ id: appeal.id, amendment: amendment as AppealAmendment }));
    if (amendAppeal.fulfilled.match(result)) {
      setDraft(draftOf(result.payload.appeal));
      setTried(false);
      onClose();
    }
  };
  const field = (key: keyof typeof issues, label: string, extra: object = {}) => (
    <TextField
      id={`amend-${key}`}
      label={label}
      value={draft[key]}
      onChange={set(key)}
      required
      error={tried && issues[key] !== null}
      helperText={tried ? issues[key] : undefined}
      {...extra}
    />
  );
  return (
    <Dialog open={open} onClose={onClose} maxWidth="md" fullWidth aria-labelledby="amend-title">
      <DialogTitle id="amend-title">{t('amend.title', { number: appealNumber(appeal) })}</DialogTitle>
      <DialogContent dividers sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
        <ChangeNotices id={appeal.id} />
        <TextField
          id="amend-supplement"
          label={t('amend.supplement')}
          placeholder={t('amend.supplementHint')}
          value={draft.supplement}
          onChange={set('supplement')}
          multiline
          minRows={3}
        />
        <TextField
          id="amend-phone"
          label={t('amend.phone')}
          value={draft.phone}
          onChange={set('phone')}
          error={phoneIssue !== null}
          helperText={phoneIssue}
          slotProps={{ htmlInput: { inputMode: 'tel' } }}
          sx={{ maxWidth: 320 }}
        />
        <Divider />
        <Typography variant="subtitle2" component="h3">
          {t('amend.corrections')}
        </Typography>
        {canCorrect ? (
          <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, gap: 1.5 }}>
            <TextField
              select
              id="amend-type"
              label={t('field.type')}
              value={draft.type}
              onChange={(e) => {
                const parsed = AppealType.safeParse(e.target.value);
                if (parsed.success) setDraft((d) => ({ ...d, type: parsed.data }));
              }}
              slotProps={{ select: { native: true } }}
            >
              {appealTypes.map((ty) => (
                <option key={ty} value={ty}>
                  {t(`type.${ty}`)}
                </option>
              ))}
            </TextField>
            {field('fullName', t('field.fullName'))}
            {field('city', t('field.city'))}
            {field('street', t('field.street'))}
            {field('building', t('field.building'))}
            <TextField id="amend-flat" label={t('field.flat')} value={draft.flat} onChange={set('flat')} />
            <Box sx={{ gridColumn: '1 / -1' }}>
              {field('essence', t('field.essence'), { multiline: true, minRows: 3, fullWidth: true })}
            </Box>
            <Box sx={{ gridColumn: '1 / -1' }}>
              <CategoryPicker
                id="amend-category"
                label={t('field.category')}
                value={draft.categoryId}
                onChange={(o) => o && setDraft((d) => ({ ...d, categoryId: o.id }))}
              />
            </Box>
          </Box>
        ) : (
          <Alert severity="info" role="note" data-testid="not-correctable">
            {t('amend.notCorrectable', { status: t(`status.${appeal.status}`) })}
          </Alert>
        )}
        {tried && nothing && (
          <Alert severity="warning" role="alert">
            {t('amend.nothing')}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>{t('common.cancel')}</Button>
        <Button variant="contained" onClick={() => void save()} disabled={acting !== null}>
          {acting === 'amend' ? t('actions.sending') : t('amend.save')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
