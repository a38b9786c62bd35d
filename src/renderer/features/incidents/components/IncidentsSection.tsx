import { useState } from 'react';
import Box from '@mui/material/Box';
import { IncidentAlert } from './IncidentAlert';
import { IncidentDialog } from './IncidentDialog';
import { IncidentsPanel } from './IncidentsPanel';

/** The cockpit's incidents: the alert when one forms, the open ones, and the window to act on one. */
export function IncidentsSection() {
  const [managed, setManaged] = useState<string | null>(null);
  return (
    <Box sx={{ display: 'grid', gap: 1 }} data-testid="incidents-section">
      <IncidentAlert onOpen={setManaged} />
      <IncidentsPanel onManage={setManaged} />
      {managed && <IncidentDialog id={managed} onClose={() => setManaged(null)} />}
    </Box>
  );
}
