import { useEffect, useRef } from 'react';
import Box from '@mui/material/Box';
import Checkbox from '@mui/material/Checkbox';
import FormControlLabel from '@mui/material/FormControlLabel';
import InputAdornment from '@mui/material/InputAdornment';
import ListItemText from '@mui/material/ListItemText';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import SearchOutlined from '@mui/icons-material/SearchOutlined';
import { AppealStatus, appealStatuses, AppealType, appealTypes } from '../../../../shared/domain';
import { useAppDispatch, useAppSelector } from '../../../app/hooks';
import { selectSearchFocusRequest } from '../../../app/navigationSlice';
import { useT } from '../../../i18n/useT';
import {
  overdueFilterToggled,
  priorityFilterToggled,
  searchTextEdited,
  selectAppealFilters,
  statusFilterChanged,
  typeFilterChanged,
} from '../appealsSlice';

export function AppealFiltersBar() {
  const t = useT();
  const dispatch = useAppDispatch();
  const filters = useAppSelector(selectAppealFilters);
  const focusRequest = useAppSelector(selectSearchFocusRequest);
  const searchRef = useRef<HTMLInputElement>(null);

  // Ctrl+F / F3 from anywhere lands here.
  useEffect(() => {
    searchRef.current?.focus();
    searchRef.current?.select();
  }, [focusRequest]);

  return (
    <Box role="search" sx={{ display: 'flex', flexWrap: 'wrap', gap: 1.5, alignItems: 'center' }}>
      <TextField
        id="appeals-search"
        type="search"
        label={t('appeals.search')}
        placeholder={t('appeals.searchHint')}
        value={filters.text}
        inputRef={searchRef}
        onChange={(e) => dispatch(searchTextEdited(e.target.value))}
        sx={{ flex: '1 1 320px', maxWidth: 560 }}
        slotProps={{
          input: {
            startAdornment: (
              <InputAdornment position="start">
                <SearchOutlined fontSize="small" />
              </InputAdornment>
            ),
          },
        }}
      />
      <TextField
        select
        id="appeals-status-filter"
        label={t('appeals.status')}
        value={filters.statuses}
        sx={{ width: 240 }}
        slotProps={{
          select: {
            multiple: true,
            displayEmpty: true,
            renderValue: (selected) => {
              const list = selected as AppealStatus[];
              return list.length === 0
                ? t('appeals.anyStatus')
                : list.map((s) => t(`status.${s}`)).join(', ');
            },
          },
          inputLabel: { shrink: true },
        }}
        onChange={(e) => {
          const raw = e.target.value as unknown;
          const values = (Array.isArray(raw) ? raw : String(raw).split(',')).filter(
            (v): v is AppealStatus => AppealStatus.safeParse(v).success,
          );
          dispatch(statusFilterChanged(values));
        }}
      >
        {appealStatuses.map((s) => (
          <MenuItem key={s} value={s} dense>
            <Checkbox
              size="small"
              checked={filters.statuses.includes(s)}
              tabIndex={-1}
              sx={{ p: 0.5, mr: 1 }}
            />
            <ListItemText primary={t(`status.${s}`)} />
          </MenuItem>
        ))}
      </TextField>
      <TextField
        select
        id="appeals-type-filter"
        label={t('appeals.type')}
        value={filters.type ?? ''}
        sx={{ width: 220 }}
        slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
        onChange={(e) => {
          const next = AppealType.safeParse(e.target.value);
          dispatch(typeFilterChanged(next.success ? next.data : null));
        }}
      >
        <option value="">{t('appeals.anyType')}</option>
        {appealTypes.map((ty) => (
          <option key={ty} value={ty}>
            {t(`type.${ty}`)}
          </option>
        ))}
      </TextField>
      <FormControlLabel
        label={t('appeals.overdue')}
        control={
          <Checkbox
            size="small"
            checked={filters.onlyOverdue}
            onChange={(e) => dispatch(overdueFilterToggled(e.target.checked))}
          />
        }
      />
      <FormControlLabel
        label={t('appeals.priority')}
        control={
          <Checkbox
            size="small"
            checked={filters.onlyPriority}
            onChange={(e) => dispatch(priorityFilterToggled(e.target.checked))}
          />
        }
      />
    </Box>
  );
}
