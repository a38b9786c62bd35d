import Box from '@mui/material/Box';
import IconButton from '@mui/material/IconButton';
import TextField from '@mui/material/TextField';
import AddOutlined from '@mui/icons-material/AddOutlined';
import CloseOutlined from '@mui/icons-material/CloseOutlined';
import { LIMITS } from '../../../../shared/domain';
import { useAppDispatch, useAppSelector } from '../../../app/hooks';
import { useT } from '../../../i18n/useT';
import { fieldId, phonePath } from '../draftForm';
import { fieldBlurred, phoneAdded, phoneEdited, phoneRemoved } from '../intakeSlice';
import { selectDraftForm } from '../intakeSelectors';
import { useFieldIssue, useFormLocked } from './useFieldIssue';

function PhoneInput({ index, count }: { index: number; count: number }) {
  const t = useT();
  const dispatch = useAppDispatch();
  const value = useAppSelector((s) => selectDraftForm(s).phones[index] ?? '');
  const path = phonePath(index);
  const { error, message } = useFieldIssue(path);
  const locked = useFormLocked();
  const label = index === 0 ? t('field.phone') : t('field.phoneN', { n: index + 1 });
  return (
    <Box sx={{ display: 'flex', alignItems: 'flex-start', gap: 0.5 }}>
      <TextField
        id={fieldId(path)}
        label={label}
        value={value}
        type="tel"
        autoComplete="off"
        disabled={locked}
        error={error}
        helperText={message}
        onChange={(e) => dispatch(phoneEdited({ index, value: e.target.value }))}
        onBlur={() => dispatch(fieldBlurred(path))}
        slotProps={{ htmlInput: { inputMode: 'tel', maxLength: 40 } }}
      />
      {count > 1 && (
        <IconButton
          aria-label={t('field.removePhone', { n: index + 1 })}
          disabled={locked}
          onClick={() => dispatch(phoneRemoved(index))}
          size="small"
          sx={{ mt: 0.5 }}
        >
          <CloseOutlined fontSize="small" />
        </IconButton>
      )}
    </Box>
  );
}

/** Several numbers per applicant; the caller's own number first (the softphone fills it). */
export function PhonesField() {
  const t = useT();
  const dispatch = useAppDispatch();
  const count = useAppSelector((s) => selectDraftForm(s).phones.length);
  const locked = useFormLocked();
  return (
    <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1, alignItems: 'flex-start' }}>
      {Array.from({ length: count }, (_, i) => (
        <Box key={i} sx={{ flex: '1 1 120px', minWidth: 0 }}>
          <PhoneInput index={i} count={count} />
        </Box>
      ))}
      {count < LIMITS.phonesPerApplicant && (
        <IconButton
          aria-label={t('field.addPhone')}
          title={t('field.addPhone')}
          size="small"
          disabled={locked}
          onClick={() => dispatch(phoneAdded())}
          sx={{ mt: 0.5 }}
        >
          <AddOutlined fontSize="small" />
        </IconButton>
      )}
    </Box>
  );
}
