import Box from '@mui/material/Box';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import TextField from '@mui/material/TextField';
import { BENEFITS, BenefitCategory, Channel, channels } from '../../../../shared/domain';
import { selectRuleSet } from '../../../app/appSlice';
import { useAppDispatch, useAppSelector } from '../../../app/hooks';
import { useT } from '../../../i18n/useT';
import { fieldId } from '../draftForm';
import { benefitChosen, channelChosen, collectiveToggled, consentToggled } from '../intakeSlice';
import { selectDraftForm } from '../intakeSelectors';
import { BoundTextField } from './BoundTextField';
import { useFormLocked } from './useFieldIssue';

// Native selects: one Tab stop, the first letter picks an option, and nothing pops over the form.

export function ChannelField() {
  const t = useT();
  const dispatch = useAppDispatch();
  const channel = useAppSelector((s) => selectDraftForm(s).channel);
  const locked = useFormLocked();
  return (
    <TextField
      select
      id={fieldId('channel')}
      label={t('field.channel')}
      value={channel}
      disabled={locked}
      onChange={(e) => {
        const next = Channel.safeParse(e.target.value);
        if (next.success) dispatch(channelChosen(next.data));
      }}
      slotProps={{ select: { native: true } }}
    >
      {channels.map((c) => (
        <option key={c} value={c}>
          {t(`channel.${c}`)}
        </option>
      ))}
    </TextField>
  );
}

/** Art. 20 (UA), the Law "On veterans" (KZ): citizens with statutory benefits are handled first. */
export function BenefitField() {
  const t = useT();
  const dispatch = useAppDispatch();
  const benefit = useAppSelector((s) => selectDraftForm(s).benefit);
  // Only the center's country's categories: a Kazakh center has no "Hero of Ukraine".
  const offered = BENEFITS[useAppSelector(selectRuleSet)];
  const locked = useFormLocked();
  return (
    <TextField
      select
      id={fieldId('benefit')}
      label={t('field.benefit')}
      value={benefit}
      disabled={locked}
      onChange={(e) => {
        const next = BenefitCategory.safeParse(e.target.value);
        if (next.success) dispatch(benefitChosen(next.data));
      }}
      slotProps={{ select: { native: true } }}
    >
      {offered.map((b) => (
        <option key={b} value={b}>
          {t(`benefit.${b}`)}
        </option>
      ))}
    </TextField>
  );
}

export function CollectiveField() {
  const t = useT();
  const dispatch = useAppDispatch();
  const collective = useAppSelector((s) => selectDraftForm(s).collective);
  const locked = useFormLocked();
  return (
    <Box sx={{ display: 'flex', alignItems: 'flex-start', columnGap: 2, rowGap: 1, flexWrap: 'wrap' }}>
      <FormControlLabel
        label={t('field.collective')}
        sx={{ minHeight: 40 }}
        disabled={locked}
        control={
          <Checkbox
            size="small"
            checked={collective}
            onChange={(e) => dispatch(collectiveToggled(e.target.checked))}
            slotProps={{ input: { id: fieldId('collective') } }}
          />
        }
      />
      {collective && (
        <BoundTextField
          field="signatories"
          label={t('field.signatories')}
          required
          inputMode="numeric"
          sx={{ width: 200 }}
        />
      )}
    </Box>
  );
}

export function ConsentField() {
  const t = useT();
  const dispatch = useAppDispatch();
  const consent = useAppSelector((s) => selectDraftForm(s).consentToPublish);
  const locked = useFormLocked();
  return (
    // The hint beside the box, not under it: one line for the whole step.
    <Box sx={{ display: 'flex', alignItems: 'center', flexWrap: 'wrap', columnGap: 1 }}>
      <FormControlLabel
        label={t('field.consent')}
        disabled={locked}
        control={
          <Checkbox
            size="small"
            sx={{ py: 0.5 }}
            checked={consent}
            onChange={(e) => dispatch(consentToggled(e.target.checked))}
            slotProps={{ input: { id: fieldId('consentToPublish'), 'aria-describedby': 'consent-hint' } }}
          />
        }
      />
      <FormHelperText id="consent-hint" sx={{ m: 0 }}>
        {t('field.consentHint')}
      </FormHelperText>
    </Box>
  );
}
