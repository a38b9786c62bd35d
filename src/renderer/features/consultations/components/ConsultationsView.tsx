import Box from '@mui/material/Box';
import { ConsultationEditor } from './ConsultationEditor';
import { ConsultationList } from './ConsultationList';
import { ExecutorDirectory } from './ExecutorDirectory';

export function ConsultationsView() {
  return (
    <Box
      sx={{
        display: 'grid',
        gridTemplateColumns: { xs: '1fr', md: 'minmax(0, 1fr) minmax(0, 1fr)' },
        gap: 1.5,
        p: 1.5,
        alignItems: 'start',
      }}
    >
      <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1.5 }}>
        <ConsultationEditor />
        <ConsultationList />
      </Box>
      <ExecutorDirectory />
    </Box>
  );
}
