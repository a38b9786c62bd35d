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
      // One row where there is room (the street gets the most), two on a narrow form.
      sx={{
        display: 'flex',
        flexWrap: 'wrap',
        gap: 1,
        '& > :nth-of-type(1)': { flex: '1.4 1 140px' },
        '& > :nth-of-type(2)': { flex: '1 1 100px' },
        '& > :nth-of-type(3)': { flex: '3 1 170px' },
        '& > :nth-of-type(4)': { flex: '1 1 90px' },
        '& > :nth-of-type(5)': { flex: '1 1 80px' },
      }}
    >
      <BoundTextField field="city" label={t('field.city')} required autoComplete="off" />
      <BoundTextField field="district" label={t('field.district')} autoComplete="off" />
      <BoundTextField field="street" label={t('field.street')} required autoComplete="off" />
      <BoundTextField
        field="building"
        label={t('field.building')}
        required
        autoComplete="off"
        maxLength={20}
      />
      <BoundTextField field="flat" label={t('field.flat')} autoComplete="off" maxLength={20} />
    </Box>
  );
}
