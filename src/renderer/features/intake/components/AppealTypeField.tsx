import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import FormControl from '@mui/material/FormControl';
import FormControlLabel from '@mui/material/FormControlLabel';
import FormHelperText from '@mui/material/FormHelperText';
import FormLabel from '@mui/material/FormLabel';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import QuestionAnswerOutlined from '@mui/icons-material/QuestionAnswerOutlined';
import { appealTypes, AppealType } from '../../../../shared/domain';
import { useAppDispatch, useAppSelector } from '../../../app/hooks';
import { useT } from '../../../i18n/useT';
import { fieldId } from '../draftForm';
import { appealTypeChosen, fieldBlurred } from '../intakeSlice';
import { selectDraftForm } from '../intakeSelectors';
import { useStartConsultation } from './useStartConsultation';
import { useFieldIssue, useFormLocked } from './useFieldIssue';
import { FieldLabel } from '../../../app/FieldLabel';

/** Art. 3: the three kinds of appeal; a question answered from reference data is a consultation instead. */
export function AppealTypeField() {
  const t = useT();
  const dispatch = useAppDispatch();
  const type = useAppSelector((s) => selectDraftForm(s).type);
  const { error, message } = useFieldIssue('type');
  const locked = useFormLocked();
  const startConsultation = useStartConsultation();
  return (
    // Its parts join the section's row: the switch to a consultation wraps beside the next field.
    <Box sx={{ display: 'contents' }}>
      <FormControl
        error={error}
        disabled={locked}
        required
        sx={{ flexDirection: 'row', flexWrap: 'wrap', alignItems: 'center', columnGap: 1.5 }}
      >
        <FormLabel id="appeal-type-label" sx={{ fontSize: 14 }}>
          <FieldLabel text={t('field.type')} required />
        </FormLabel>
        <RadioGroup
          row
          aria-labelledby="appeal-type-label"
          aria-required="true"
          value={type ?? ''}
          onChange={(e) => {
            const next = AppealType.safeParse(e.target.value);
            if (next.success) dispatch(appealTypeChosen(next.data));
          }}
          onBlur={() => dispatch(fieldBlurred('type'))}
        >
          {appealTypes.map((value, i) => (
            <FormControlLabel
              key={value}
              value={value}
              label={t(`type.${value}`)}
              sx={{ mr: 1.5 }}
              control={
                <Radio
                  size="small"
                  slotProps={{
                    input: {
                      id: i === 0 ? fieldId('type') : undefined,
                      'aria-invalid': i === 0 && error ? true : undefined,
                    },
                  }}
                />
              }
            />
          ))}
        </RadioGroup>
        {message && <FormHelperText sx={{ mx: 0, flexBasis: '100%' }}>{message}</FormHelperText>}
      </FormControl>
      <Button
        variant="outlined"
        size="small"
        startIcon={<QuestionAnswerOutlined />}
        disabled={locked}
        onClick={startConsultation}
        title={t('intake.consultationHint')}
        sx={{ alignSelf: 'center' }}
      >
        {t('intake.asConsultation')}
      </Button>
    </Box>
  );
}
