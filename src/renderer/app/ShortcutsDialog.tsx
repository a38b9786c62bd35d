import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import Button from '@mui/material/Button';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useT } from '../i18n/useT';
import type { MessageKey } from '../i18n/dictionary';
import { selectShortcutsOpen, shortcutsHelpClosed } from './navigationSlice';
import { useAppDispatch, useAppSelector } from './hooks';

/** The documented shortcuts; useShortcuts.ts implements them. */
export const SHORTCUTS: { keys: string; what: MessageKey }[] = [
  { keys: 'Ctrl+N, Alt+N', what: 'shortcuts.newAppeal' },
  { keys: 'Ctrl+S', what: 'shortcuts.save' },
  { keys: 'Ctrl+F, F3', what: 'shortcuts.search' },
  { keys: 'Ctrl+Shift+C', what: 'shortcuts.consultation' },
  { keys: 'Alt+1 … Alt+9', what: 'shortcuts.jumpStep' },
  { keys: 'Alt+L', what: 'shortcuts.linkIncident' },
  { keys: 'Alt+Enter', what: 'shortcuts.acceptSuggestion' },
  { keys: 'Tab, Shift+Tab', what: 'shortcuts.move' },
  { keys: '↓ ↑, Enter', what: 'shortcuts.pick' },
  { keys: '↓ ↑, Enter', what: 'shortcuts.workListMove' },
  { keys: 'Alt+1 … Alt+9', what: 'shortcuts.workListSwitch' },
  { keys: '1, 2, 3, 4', what: 'shortcuts.callbackOutcome' },
  { keys: 'Ctrl+Enter', what: 'shortcuts.answer' },
  { keys: 'Ctrl+Shift+Backspace', what: 'shortcuts.endCall' },
  { keys: 'Ctrl+Shift+H', what: 'shortcuts.hold' },
  { keys: 'Ctrl+Shift+M', what: 'shortcuts.mute' },
  { keys: 'F1, ?', what: 'shortcuts.help' },
];

export function ShortcutsDialog() {
  const t = useT();
  const dispatch = useAppDispatch();
  const open = useAppSelector(selectShortcutsOpen);
  const close = () => dispatch(shortcutsHelpClosed());
  return (
    <Dialog open={open} onClose={close} aria-labelledby="shortcuts-title" maxWidth="sm" fullWidth>
      <DialogTitle id="shortcuts-title">{t('shortcuts.title')}</DialogTitle>
      <DialogContent>
        <Table size="small">
          <TableBody>
            {SHORTCUTS.map((s) => (
              <TableRow key={s.what}>
                <TableCell component="th" scope="row" sx={{ whiteSpace: 'nowrap', width: '35%' }}>
                  <kbd>{s.keys}</kbd>
                </TableCell>
                <TableCell>{t(s.what)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
        <Typography variant="body2" color="text.secondary" sx={{ mt: 2 }}>
          {t('shortcuts.browserNote')}
        </Typography>
      </DialogContent>
      <DialogActions>
        <Button onClick={close} autoFocus>
          {t('common.close')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
