import TextField, { type TextFieldProps } from '@mui/material/TextField';
import { useAppDispatch, useAppSelector } from '../../../app/hooks';
import { fieldId, textFieldPath, textFieldValue, type TextFieldKey } from '../draftForm';
import { fieldBlurred, textFieldEdited } from '../intakeSlice';
import { selectDraftForm } from '../intakeSelectors';
import { useFieldIssue, useFormLocked } from './useFieldIssue';
import { FieldLabel } from '../../../app/FieldLabel';

type Props = { field: TextFieldKey; label: string; hint?: string } & Pick<
  TextFieldProps,
  'multiline' | 'minRows' | 'maxRows' | 'required' | 'autoComplete' | 'sx' | 'inputRef'
> & { inputMode?: 'text' | 'numeric' | 'tel' | 'email'; maxLength?: number };

/** A text field bound to one field of the draft, with its problem shown under it. */
export function BoundTextField({ field, label, hint, inputMode, maxLength, ...rest }: Props) {
  const dispatch = useAppDispatch();
  const path = textFieldPath[field];
  const { error, message } = useFieldIssue(path);
  const locked = useFormLocked();
  const value = useAppSelector((s) => textFieldValue(selectDraftForm(s), field));
  return (
    <TextField
      {...rest}
      id={fieldId(path)}
      label={<FieldLabel text={label} required={rest.required} />}
      value={value}
      disabled={locked}
      error={error}
      helperText={message ?? hint}
      onChange={(e) => dispatch(textFieldEdited({ field, value: e.target.value }))}
      onBlur={() => dispatch(fieldBlurred(path))}
      slotProps={{ htmlInput: { inputMode, maxLength, spellCheck: field === 'essence' } }}
    />
  );
}
