import { useMemo } from 'react';
import Autocomplete from '@mui/material/Autocomplete';
import TextField from '@mui/material/TextField';
import { useAppSelector } from '../../../app/hooks';
import { useT } from '../../../i18n/useT';
import { filterByWords } from '../search';
import {
  selectExecutorById,
  selectExecutorOptions,
  selectQuestionTypeById,
  type ExecutorOption,
} from '../referenceSlice';
import { FieldLabel } from '../../../app/FieldLabel';

const LIMIT = 200;

interface Props {
  id: string;
  label: string;
  value: string | null;
  categoryId: string | null;
  onChange: (id: string | null) => void;
  onBlur?: () => void;
  error?: boolean;
  helperText?: string;
  disabled?: boolean;
  required?: boolean;
}

interface Grouped extends ExecutorOption {
  suggested: boolean;
}

/** Executors who usually handle the chosen category come first, then everyone else by name. */
export function ExecutorPicker({
  id,
  label,
  value,
  categoryId,
  onChange,
  onBlur,
  error,
  helperText,
  disabled,
  required,
}: Props) {
  const t = useT();
  const all = useAppSelector(selectExecutorOptions);
  const byId = useAppSelector(selectExecutorById);
  const types = useAppSelector(selectQuestionTypeById);
  const options = useMemo<Grouped[]>(() => {
    if (!categoryId) return all.map((o) => ({ ...o, suggested: false }));
    const defaultId = types.get(categoryId)?.defaultExecutorId ?? null;
    const isSuggested = (o: ExecutorOption) =>
      o.id === defaultId || (byId.get(o.id)?.typeIds.includes(categoryId) ?? false);
    const suggested = all
      .filter(isSuggested)
      .sort((a, b) => Number(b.id === defaultId) - Number(a.id === defaultId));
    const rest = all.filter((o) => !isSuggested(o));
    return [
      ...suggested.map((o) => ({ ...o, suggested: true })),
      ...rest.map((o) => ({ ...o, suggested: false })),
    ];
  }, [all, byId, types, categoryId]);
  const selected = useMemo(() => options.find((o) => o.id === value) ?? null, [options, value]);
  const grouped = options.some((o) => o.suggested);
  return (
    <Autocomplete<Grouped>
      id={id}
      options={options}
      value={selected}
      onChange={(_, option) => onChange(option?.id ?? null)}
      onBlur={onBlur}
      disabled={disabled}
      autoHighlight
      groupBy={grouped ? (o) => (o.suggested ? t('executor.suggested') : t('executor.all')) : undefined}
      getOptionLabel={(o) => o.name}
      getOptionKey={(o) => o.id}
      isOptionEqualToValue={(a, b) => a.id === b.id}
      filterOptions={(opts, state) => filterByWords(opts, state.inputValue, LIMIT)}
      noOptionsText={t('picker.noOptions')}
      renderInput={(params) => (
        <TextField
          {...params}
          label={<FieldLabel text={label} required={required} />}
          required={required}
          error={error}
          // The hint shows in the empty field once it has the cursor, so it costs no line of its own.
          placeholder={t('field.executorHint')}
          helperText={helperText}
        />
      )}
    />
  );
}
