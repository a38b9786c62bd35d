import Box from '@mui/material/Box';
import { useT } from '../../../i18n/useT';
import { BoundTextField } from './BoundTextField';

/** The place of residence (Art. 5): structured, so appeals at one building can be found together. */
export function AddressFields() {
  const t = useT();
  return (
    <Box
      role="group"
      aria-label={t('field.address')}
      sx={{ display: 'grid', gridTemplateColumns: 'repeat(12, 1fr)', gap: 1.5 }}
    >
      <BoundTextField
        field="city"
        label={t('field.city')}
        required
        autoComplete="off"
        sx={{ gridColumn: 'span 4' }}
      />
      <BoundTextField
        field="district"
        label={t('field.district')}
        autoComplete="off"
        sx={{ gridColumn: 'span 4' }}
      />
      <Box sx={{ gridColumn: 'span 4' }} />
      <BoundTextField
        field="street"
        label={t('field.street')}
        required
        autoComplete="off"
        sx={{ gridColumn: 'span 6' }}
      />
      <BoundTextField
        field="building"
        label={t('field.building')}
        required
        autoComplete="off"
        sx={{ gridColumn: 'span 3' }}
        maxLength={20}
      />
      <BoundTextField
        field="flat"
        label={t('field.flat')}
        autoComplete="off"
        sx={{ gridColumn: 'span 3' }}
        maxLength={20}
      />
    </Box>
  );
}
