import NativeSelect from '@mui/material/NativeSelect';
import { locales, Locale } from '../../shared/domain/i18nText';
import { localeNames } from '../i18n/translate';
import { useT } from '../i18n/useT';
import { changeSettings } from './appThunks';
import { selectLocale } from './appSlice';
import { useAppDispatch, useAppSelector } from './hooks';

/** A native select: typing the first letter picks a language, and automation can select by value. */
export function LanguageSwitch() {
  const t = useT();
  const dispatch = useAppDispatch();
  const locale = useAppSelector(selectLocale);
  return (
    <NativeSelect
      value={locale}
      onChange={(e) => {
        const next = Locale.safeParse(e.target.value);
        if (next.success) void dispatch(changeSettings({ locale: next.data }));
      }}
      inputProps={{
        id: 'language-switch',
        'aria-label': t('app.language'),
        ...{ 'data-testid': 'language-switch' },
      }}
      disableUnderline
      sx={{ flexShrink: 0, color: 'inherit', '& select': { py: 0.5, pl: 1 }, '& svg': { color: 'inherit' } }}
    >
      {locales.map((l) => (
        <option key={l} value={l} lang={l}>
          {localeNames[l]}
        </option>
      ))}
    </NativeSelect>
  );
}
