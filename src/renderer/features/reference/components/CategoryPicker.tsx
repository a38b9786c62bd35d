import { useMemo, type Ref } from 'react';
import Autocomplete from '@mui/material/Autocomplete';
import TextField from '@mui/material/TextField';
import { selectLocale } from '../../../app/appSlice';
import { useAppSelector } from '../../../app/hooks';
import { useT } from '../../../i18n/useT';
import { selectCategoryOptions, suggestCategories, type CategoryOption } from '../referenceSlice';
import { FieldLabel } from '../../../app/FieldLabel';

const LIMIT = 200;

interface Props {
  id: string;
  label: string;
  value: string | null;
  onChange: (option: CategoryOption | null) => void;
  onBlur?: () => void;
  error?: boolean;
  helperText?: string;
  disabled?: boolean;
  required?: boolean;
  inputRef?: Ref<HTMLInputElement>;
}

/** Question types, searchable by words, grouped; the most relevant (then most frequent) first; Enter takes the highlighted one. */
export function CategoryPicker({
  id,
  label,
  value,
  onChange,
  onBlur,
  error,
  helperText,
  disabled,
  required,
  inputRef,
}: Props) {
  const t = useT();
  const locale = useAppSelector(selectLocale);
  const options = useAppSelector((state) => selectCategoryOptions(state, locale));
  const selected = useMemo(() => options.find((o) => o.id === value) ?? null, [options, value]);
  return (
    <Autocomplete<CategoryOption>
      id={id}
      options={options}
      value={selected}
      onChange={(_, option) => onChange(option)}
      onBlur={onBlur}
      disabled={disabled}
      autoHighlight
      groupBy={(o) => o.groupLabel}
      getOptionLabel={(o) => o.name}
      getOptionKey={(o) => o.id}
      isOptionEqualToValue={(a, b) => a.id === b.id}
      filterOptions={(opts, state) => suggestCategories(opts, state.inputValue, LIMIT)}
      noOptionsText={t('picker.noOptions')}
      renderInput={(params) => (
        <TextField
          {...params}
          label={<FieldLabel text={label} required={required} />}
          required={required}
          error={error}
          // The hint shows in the empty field once it has the cursor, so it costs no line of its own.
          placeholder={t('field.categoryHint')}
          helperText={helperText}
          inputRef={inputRef}
        />
      )}
    />
  );
}
