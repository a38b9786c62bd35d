import Box from '@mui/material/Box';
import Typography from '@mui/material/Typography';
import type { Executor } from '../../../../shared/domain';
import { useT } from '../../../i18n/useT';

/** Contact details from the directory; the public data has none, so their absence is said plainly. */
export function ExecutorContacts({ executor }: { executor: Executor }) {
  const t = useT();
  const rows: [string, string | null][] = [
    [t('contacts.phone'), executor.phone],
    [t('contacts.address'), executor.address],
    [t('contacts.hours'), executor.hours],
  ];
  const known = rows.filter((r): r is [string, string] => r[1] !== null && r[1].trim() !== '');
  if (known.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary">
        {t('contacts.none')}
      </Typography>
    );
  }
  return (
    <Box
      component="dl"
      sx={{ m: 0, display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 2, rowGap: 0.5 }}
    >
      {known.map(([label, value]) => (
        <Box key={label} sx={{ display: 'contents' }}>
          <Typography component="dt" variant="body2" color="text.secondary">
            {label}
          </Typography>
          <Typography component="dd" variant="body2" sx={{ m: 0 }}>
            {value}
          </Typography>
        </Box>
      ))}
    </Box>
  );
}
